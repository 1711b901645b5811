import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ApplicationForm } from '~/components/application-form';
import { applicationFormContext, handleApplicationPost } from '~/modules/enrollment/apply.server';

// Public: the application form for one center.
export async function loader({ params }: LoaderFunctionArgs) {
  return applicationFormContext(params.centerId!);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await applicationFormContext(params.centerId!); // 404 for an unknown center before reading the body
  return handleApplicationPost(request, { centerId: params.centerId!, token: null, clientIp: context.clientIp ?? 'unknown' });
}

export default function Apply() {
  const { center, today, ageRange } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="form-page">
      <p className="eyebrow">{t(`center.kind.${center.kind}`)}</p>
      <h1>{t('apply.title', { center: center.name })}</h1>
      <p className="lead">{t('apply.lead')}</p>
      {ageRange ? <p className="hint">{t(`apply.ageRange.${center.kind}`, { min: ageRange.min, max: ageRange.max })}</p> : null}
      <ApplicationForm center={center} today={today} />
    </section>
  );
}
