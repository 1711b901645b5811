import { redirect } from '@remix-run/node';
import type { DocumentKind } from '~db/schema';
import { getDb } from '~db/client.server';
import { getCenter } from '../centers/centers.server';
import { checkUpload, DOCUMENT_TYPES, readFormWithFiles, type CheckedUpload } from '../files/uploads.server';
import type { FieldErrors } from '../forms/fields';
import { failure, formValues, validateForm } from '../forms/parse.server';
import { ageInMonths, localDate } from '../time/time';
import { applicationSchema, documentKindsFor, DraftSchema } from './application';
import { saveDraft, submitApplication, type FormValues } from './applications.server';
import { applicationLimits } from './limits.server';
import { hitRateLimit } from '../limits/rate-limit.server';

/** What the public application page needs to render the form for a center. */
export async function applicationFormContext(centerId: string) {
  const center = await getCenter(centerId);
  const ages = await getDb().selectFrom('classrooms').select(['min_age_months', 'max_age_months']).where('center_id', '=', centerId).execute();
  return {
    center: { id: center.id, name: center.name, kind: center.kind, city: center.city },
    today: localDate(center.time_zone),
    ageRange: ages.length ? { min: Math.min(...ages.map((a) => a.min_age_months)), max: Math.max(...ages.map((a) => a.max_age_months)) } : null,
  };
}

/**
 * Anyone may post the public form, so each address may save or submit only so often (counted
 * once the form is valid, so correcting mistakes costs nothing). Null while within the limit.
 */
async function refuseIfTooMany(formData: FormData, clientIp: string) {
  const verdict = await hitRateLimit(`apply:${clientIp}`, { limit: applicationLimits().postsPerHour, windowSeconds: 3600 });
  if (verdict.allowed) return null;
  return failure(formData, { form: `errors.tooManyApplications?minutes=${Math.ceil(verdict.retryAfterSeconds / 60)}` }, 429);
}

/** The size cap's message, on each document field this post brought. */
const documentsTooLarge = (formData: FormData, documents: Partial<Record<DocumentKind, CheckedUpload>>, maxMb: number) =>
  failure(formData, Object.fromEntries(Object.keys(documents).map((kind) => [`doc_${kind}`, `errors.documentsTooLarge?max=${maxMb}`])));

/**
 * The action behind the public form, for a new application (token null) or a draft opened from
 * its private link. "Save" keeps whatever was typed; "submit" checks everything first, files
 * included, and writes nothing unless all of it is right.
 */
export async function handleApplicationPost(request: Request, { centerId, token, clientIp }: { centerId: string; token: string | null; clientIp: string }) {
  const { center, today, ageRange } = await applicationFormContext(centerId);
  const { formData, uploads } = await readFormWithFiles(request);
  const errors: FieldErrors = {};
  const documents: Partial<Record<DocumentKind, CheckedUpload>> = {};
  for (const kind of documentKindsFor(center.kind)) {
    const upload = uploads.get(`doc_${kind}`);
    if (!upload) continue;
    const checked = await checkUpload(upload, DOCUMENT_TYPES);
    if ('error' in checked) errors[`doc_${kind}`] = checked.error;
    else documents[kind] = checked;
  }
  const form = formValues(formData) as FormValues;
  delete form.intent;

  if (formData.get('intent') === 'save') {
    const draft = DraftSchema.safeParse(form);
    if (!draft.success) for (const issue of draft.error.issues) errors[String(issue.path[0])] ??= issue.message;
    if (Object.keys(errors).length) return failure(formData, errors);
    const tooMany = await refuseIfTooMany(formData, clientIp);
    if (tooMany) return tooMany;
    const saved = await saveDraft({ centerId, token, form, documents });
    if (!saved.ok) {
      if (saved.error === 'notFound') throw new Response('Not Found', { status: 404 });
      return documentsTooLarge(formData, documents, saved.maxMb);
    }
    return redirect(`/applications/${saved.token}?saved=1`);
  }

  const parsed = validateForm(formData, applicationSchema({ kind: center.kind, today }));
  if (!parsed.ok) Object.assign(errors, parsed.errors);
  if (parsed.ok && ageRange) {
    const age = ageInMonths(parsed.data.child_birth_date, parsed.data.preferred_start_date);
    if (age < ageRange.min) errors.child_birth_date = `errors.childTooYoung?min=${ageRange.min}`;
    if (age > ageRange.max) errors.child_birth_date = `errors.childTooOld?max=${ageRange.max}`;
  }
  if (!parsed.ok || Object.keys(errors).length) return failure(formData, errors);

  const tooMany = await refuseIfTooMany(formData, clientIp);
  if (tooMany) return tooMany;
  const result = await submitApplication({ centerId, kind: center.kind, token, form, input: parsed.data, documents });
  if (!result.ok) {
    if (result.error === 'notFound') throw new Response('Not Found', { status: 404 });
    if (result.error === 'documentsTooLarge') return documentsTooLarge(formData, documents, result.maxMb);
    return failure(formData, { form: 'errors.duplicateApplication' });
  }
  return redirect(`/applications/${result.token}`);
}
