import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ApplicationForm } from '~/components/application-form';
import {
  applicationFormContext,
  applicationRequestBytes,
  applyFromForm,
  postsFlooding,
} from '~/modules/enrollment/apply.server';
import { requestLanguage } from '~/i18n/language.server';
import { readFormWithFiles } from '~/modules/files/uploads.server';
import { failure } from '~/modules/forms/parse.server';
import { found, notFound } from '~/modules/http.server';

// Public: the application form for one center.
export async function loader({ params }: LoaderFunctionArgs) {
  return found(await applicationFormContext(params.centerId!));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // An unknown center, or an address posting without end, is answered before the body is read.
  const formContext = found(await applicationFormContext(params.centerId!));
  const clientIp = context.clientIp ?? 'unknown';
  if (await postsFlooding(clientIp)) throw new Response('Too Many Requests', { status: 429 });
  const { formData, uploads } = await readFormWithFiles(request, { maxBytes: applicationRequestBytes() });
  const outcome = await applyFromForm({
    context: formContext,
    token: null,
    formData,
    uploads,
    clientIp,
    language: await requestLanguage(request),
  });
  if (outcome.ok) return redirect(outcome.redirectTo);
  if ('notFound' in outcome) notFound();
  return failure(formData, outcome.errors, outcome.status);
}

export default function Apply() {
  const { center, today, ageRange } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="form-page">
      <p className="eyebrow">{t(`center.kind.${center.kind}`)}</p>
      <h1>{t('apply.title', { center: center.name })}</h1>
      <p className="lead">{t('apply.lead')}</p>
      {ageRange ? (
        <p className="hint">{t(`apply.ageRange.${center.kind}`, { min: ageRange.min, max: ageRange.max })}</p>
      ) : null}
      <ApplicationForm center={center} today={today} />
    </section>
  );
}
