// What the new and edit actions share: reading the form with its photo, and turning the module's
// error codes into field messages.
import { preparePhoto } from '../day/photos.server';
import { readFormWithFiles, type CheckedUpload } from '../files/uploads.server';
import { failure, parseForm } from '../forms/parse.server';
import { forbidden, notFound } from '../http.server';
import { ActivitySchema, type ActivityInput } from './activities';
import type { ActivityError } from './activities.server';

/** A photo is one picture from a phone: a little over the upload limit for the whole request. */
const REQUEST_MAX_BYTES = 6 * 1024 * 1024;

export async function readActivityForm(
  request: Request,
): Promise<
  | { ok: true; formData: FormData; input: ActivityInput; photo: CheckedUpload | null }
  | { ok: false; response: ReturnType<typeof failure> }
> {
  const { formData, uploads } = await readFormWithFiles(request, { maxBytes: REQUEST_MAX_BYTES });
  const parsed = parseForm(formData, ActivitySchema);
  if (!parsed.ok) return parsed;
  const upload = uploads.get('photo');
  if (!upload) return { ok: true, formData, input: parsed.data, photo: null };
  const photo = await preparePhoto(upload);
  if ('error' in photo) return { ok: false, response: failure(formData, { photo: photo.error }) };
  return { ok: true, formData, input: parsed.data, photo };
}

/** The field a module error belongs to, with its message; a foreign id is 404, a shared activity 403. */
export function activityFailure(formData: FormData, error: ActivityError) {
  if (error === 'notFound') notFound();
  if (error === 'readOnly') forbidden();
  return failure(
    formData,
    error === 'unknownMilestone' ? { milestones: 'errors.activityUnknownMilestone' } : { profile: 'errors.choose' },
  );
}
