import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field, SelectField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { PARENT_ABSENCE_REASONS, parentAbsenceSchema } from '~/modules/attendance/attendance';
import { markAbsent } from '~/modules/attendance/attendance.server';
import { requireUser } from '~/modules/auth/require-user.server';
import { setFlash } from '~/modules/auth/session.server';
import { getCenter } from '~/modules/centers/centers.server';
import { childName } from '~/modules/children/children.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { localDate } from '~/modules/time/time';
import { readForm } from '~/modules/forms/read.server';

// A parent tells the center ahead that their child will not come.
async function context(request: Request, childId: string) {
  const viewer = await requireUser(request, { childId, staffRoles: [] });
  const center = await getCenter(viewer.centerId!);
  return { viewer, today: localDate(center.time_zone), childName: await childName(childId) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { today, childName } = await context(request, params.childId!);
  return { today, childName };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, today } = await context(request, params.childId!);
  const formData = await readForm(request);
  const parsed = parseForm(formData, parentAbsenceSchema(today));
  if (!parsed.ok) return parsed.response;
  const result = await markAbsent({ centerId: viewer.centerId!, childId: params.childId!, actorId: viewer.user.id, date: parsed.data.date, reason: parsed.data.reason, note: parsed.data.note });
  if (!result.ok) return failure(formData, { form: `errors.${result.error}` });
  await setFlash(viewer.session, 'flash.absenceReported');
  return redirect('/family');
}

export default function ReportAbsence() {
  const { today, childName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const schema = useMemo(() => parentAbsenceSchema(today), [today]);
  const form = useValidatedForm(schema, { defaultValues: { date: today, reason: 'sick' } });
  return (
    <section className="narrow card">
      <h1>{t('absenceReport.title', { name: childName })}</h1>
      <Form method="post" onSubmit={form.onSubmit} noValidate>
        <ErrorMessage message={form.formError} />
        <Field label={t('reports.date')} type="date" min={today} {...form.field('date')} />
        <SelectField label={t('today.absenceReason')} options={PARENT_ABSENCE_REASONS.map((r) => ({ value: r, label: t(`absence.${r}`) }))} {...form.field('reason')} />
        <Field label={t('applicationDetail.note')} {...form.field('note')} hint={t('absenceReport.noteHint')} />
        <button type="submit" className="primary">
          {t('absenceReport.submit')}
        </button>
      </Form>
    </section>
  );
}
