// What the room log and a child's day page do with a posted form, shared by both routes: read the
// body (with a photo when there is one), parse with the shared schema, call the module, and map its
// error codes to messages on the right field.
import { data } from '@remix-run/node';
import type { CenterConfig } from '../centers/context.server';
import type { Viewer } from '../auth/require-user.server';
import { readFormWithFiles } from '../files/uploads.server';
import { failure, parseForm, validateForm } from '../forms/parse.server';
import { readForm } from '../forms/read.server';
import { DayEntrySchema, EndNapSchema, FeedingVisitSchema, RemoveEntrySchema } from './day';
import { endNap, logEntries, logFeedingVisit, removeEntry, type DayResult } from './day.server';
import { preparePhoto } from './photos.server';

/** A photo's bytes travel with the form; nothing else does. */
const MAX_DAY_FORM_BYTES = 6 * 1024 * 1024;

function refused(formData: FormData, result: Extract<DayResult, { ok: false }>) {
  const names = result.names?.length ? `?${new URLSearchParams({ names: result.names.join(', ') })}` : '';
  const message = `errors.day_${result.error}`;
  return failure(formData, { [result.field ?? 'form']: message + names });
}

export async function dayAction({
  request,
  center,
  viewer,
  onlyChildId,
}: {
  request: Request;
  center: CenterConfig;
  viewer: Viewer;
  /** On a child's page: every entry must be for this child. */
  onlyChildId?: string;
}) {
  const { formData, uploads } = await readFormWithFiles(request, { maxBytes: MAX_DAY_FORM_BYTES });
  const actor = { actorId: viewer.user.id, isCoordinator: viewer.roles.includes('coordinator') };
  switch (formData.get('intent')) {
    case 'log': {
      const parsed = validateForm(formData, DayEntrySchema);
      const upload = uploads.get('photo');
      const photo = parsed.ok && parsed.data.kind === 'photo' && upload ? await preparePhoto(upload) : null;
      const errors = {
        ...(parsed.ok ? {} : parsed.errors),
        ...(photo && 'error' in photo ? { photo: photo.error } : {}),
      };
      if (!parsed.ok || Object.keys(errors).length) return failure(formData, errors);
      if (onlyChildId && parsed.data.childIds.some((id) => id !== onlyChildId))
        return failure(formData, { form: 'errors.day_notFound' });
      const result = await logEntries({
        center,
        actorId: actor.actorId,
        form: parsed.data,
        photo: photo && !('error' in photo) ? photo : null,
      });
      return result.ok ? data({ ok: true, logged: result.ids.length }) : refused(formData, result);
    }
    case 'end-nap': {
      const parsed = parseForm(formData, EndNapSchema);
      if (!parsed.ok) return parsed.response;
      const result = await endNap({ center, ...actor, entryId: parsed.data.entryId, end: parsed.data.end });
      return result.ok ? data({ ok: true, intent: 'end-nap' }) : refused(formData, result);
    }
    case 'remove': {
      const parsed = parseForm(formData, RemoveEntrySchema);
      if (!parsed.ok) return parsed.response;
      const result = await removeEntry({
        centerId: center.id,
        childId: onlyChildId,
        ...actor,
        entryId: parsed.data.entryId,
      });
      return result.ok ? data({ ok: true, intent: 'remove' }) : refused(formData, result);
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

/** What a guardian does on their child's day page: log her own feeding visit, or take one back. */
export async function familyDayAction({
  request,
  center,
  viewer,
  childId,
}: {
  request: Request;
  center: CenterConfig;
  viewer: Viewer;
  childId: string;
}) {
  const formData = await readForm(request);
  switch (formData.get('intent')) {
    case 'feeding': {
      const parsed = parseForm(formData, FeedingVisitSchema);
      if (!parsed.ok) return parsed.response;
      const result = await logFeedingVisit({ center, childId, guardianId: viewer.user.id, visit: parsed.data });
      return result.ok ? data({ ok: true, intent: 'feeding' }) : refused(formData, result);
    }
    case 'remove': {
      const parsed = parseForm(formData, RemoveEntrySchema);
      if (!parsed.ok) return parsed.response;
      const result = await removeEntry({
        centerId: center.id,
        childId,
        actorId: viewer.user.id,
        isCoordinator: false,
        entryId: parsed.data.entryId,
      });
      return result.ok ? data({ ok: true, intent: 'remove' }) : refused(formData, result);
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}
