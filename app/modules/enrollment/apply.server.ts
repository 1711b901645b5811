// The rules of the public application form: what a post must hold to be saved as a draft or
// submitted, and how often one address may post. The routes own the request (reading it, the
// answer); the form's values and files come here already read.
import type { DocumentKind, Language } from '~db/schema';
import { getDb } from '~db/client.server';
import { loadCenter } from '../centers/context.server';
import { checkUpload, DOCUMENT_TYPES, type CheckedUpload, type Upload } from '../files/uploads.server';
import type { FieldErrors } from '../forms/fields';
import { formValues, validateForm } from '../forms/parse.server';
import type { FormValues } from '../json-columns';
import { hitRateLimit } from '../limits/rate-limit.server';
import { ageInMonths, localDate } from '../time/time';
import { applicationSchema, documentKindsFor, DraftSchema } from './application';
import { saveDraft, submitApplication } from './applications.server';
import { applicationLimits } from './limits.server';

/** What the public application page needs to render the form for a center; null for an unknown center. */
export async function applicationFormContext(centerId: string) {
  const center = await loadCenter(centerId);
  if (!center) return null;
  const ages = await getDb()
    .selectFrom('classrooms')
    .select(['min_age_months', 'max_age_months'])
    .where('center_id', '=', centerId)
    .execute();
  return {
    center: { id: center.id, name: center.name, kind: center.kind, city: center.city },
    today: localDate(center.timeZone),
    ageRange: ages.length
      ? { min: Math.min(...ages.map((a) => a.min_age_months)), max: Math.max(...ages.map((a) => a.max_age_months)) }
      : null,
  };
}

type FormContext = NonNullable<Awaited<ReturnType<typeof applicationFormContext>>>;

/** The largest post the form can need: every document at the per-application cap, and the text. */
export const applicationRequestBytes = () => (applicationLimits().documentsMaxMb + 1) * 1024 * 1024;

/**
 * Counted before the body is read: every post from an address, valid or not, against three times
 * the saving limit, so nobody can make the server read large invalid posts without end. Returns
 * the minutes to wait, or null.
 */
export async function postsFlooding(clientIp: string) {
  const verdict = await hitRateLimit(`apply-posts:${clientIp}`, {
    limit: 3 * applicationLimits().postsPerHour,
    windowSeconds: 3600,
  });
  return verdict.allowed ? null : Math.ceil(verdict.retryAfterSeconds / 60);
}

export type ApplyOutcome =
  | { ok: true; redirectTo: string }
  | { ok: false; errors: FieldErrors; status?: number }
  | { ok: false; notFound: true };

/**
 * A post of the public form, for a new application (token null) or a draft opened from its private
 * link. "Save" keeps whatever was typed; "submit" checks everything first, files included, and
 * writes nothing unless all of it is right. Each address may save or submit only so often
 * (counted once the form is valid, so correcting mistakes costs nothing).
 */
export async function applyFromForm({
  context,
  token,
  formData,
  uploads,
  clientIp,
  language,
}: {
  context: FormContext;
  token: string | null;
  formData: FormData;
  uploads: Map<string, Upload>;
  clientIp: string;
  /** The language the family filled the form in: their emails are written in it. */
  language: Language;
}): Promise<ApplyOutcome> {
  const { center, today, ageRange } = context;
  const errors: FieldErrors = {};
  const documents: Partial<Record<DocumentKind, CheckedUpload>> = {};
  for (const kind of documentKindsFor(center.kind)) {
    const upload = uploads.get(`doc_${kind}`);
    if (!upload) continue;
    const checked = await checkUpload(upload, DOCUMENT_TYPES);
    if ('error' in checked) errors[`doc_${kind}`] = checked.error;
    else documents[kind] = checked;
  }
  const form: FormValues = formValues(formData);
  delete form.intent;
  const tooLarge = (maxMb: number): ApplyOutcome => ({
    ok: false,
    errors: Object.fromEntries(
      Object.keys(documents).map((kind) => [`doc_${kind}`, `errors.documentsTooLarge?max=${maxMb}`]),
    ),
  });
  const tooMany = async (): Promise<ApplyOutcome | null> => {
    const verdict = await hitRateLimit(`apply:${clientIp}`, {
      limit: applicationLimits().postsPerHour,
      windowSeconds: 3600,
    });
    return verdict.allowed
      ? null
      : {
          ok: false,
          status: 429,
          errors: { form: `errors.tooManyApplications?minutes=${Math.ceil(verdict.retryAfterSeconds / 60)}` },
        };
  };

  if (formData.get('intent') === 'save') {
    const draft = DraftSchema.safeParse(form);
    if (!draft.success) for (const issue of draft.error.issues) errors[String(issue.path[0])] ??= issue.message;
    if (Object.keys(errors).length) return { ok: false, errors };
    const refused = await tooMany();
    if (refused) return refused;
    const saved = await saveDraft({ centerId: center.id, token, form, documents });
    if (!saved.ok) return saved.error === 'notFound' ? { ok: false, notFound: true } : tooLarge(saved.maxMb);
    return { ok: true, redirectTo: `/applications/${saved.token}?saved=1` };
  }

  const parsed = validateForm(formData, applicationSchema({ kind: center.kind, today }));
  if (!parsed.ok) Object.assign(errors, parsed.errors);
  if (parsed.ok && ageRange) {
    const age = ageInMonths(parsed.data.child_birth_date, parsed.data.preferred_start_date);
    if (age < ageRange.min) errors.child_birth_date = `errors.childTooYoung?min=${ageRange.min}`;
    if (age > ageRange.max) errors.child_birth_date = `errors.childTooOld?max=${ageRange.max}`;
  }
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, errors };
  const refused = await tooMany();
  if (refused) return refused;
  const result = await submitApplication({
    centerId: center.id,
    kind: center.kind,
    token,
    form,
    input: parsed.data,
    documents,
    language,
  });
  if (result.ok) return { ok: true, redirectTo: `/applications/${result.token}` };
  if (result.error === 'notFound') return { ok: false, notFound: true };
  if (result.error === 'documentsTooLarge') return tooLarge(result.maxMb);
  return { ok: false, errors: { form: 'errors.duplicateApplication' } };
}
