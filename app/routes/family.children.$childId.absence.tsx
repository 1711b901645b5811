import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field, SelectField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { parentAbsenceSchema } from '~/modules/attendance/attendance';
import { PARENT_ABSENCE_REASONS } from '~/modules/attendance/door';
import { markAbsent } from '~/modules/attendance/attendance.server';
import { childContext } from '~/modules/centers/context.server';
import { setFlash } from '~/modules/auth/session.server';
import { listGuardianChildren } from '~/modules/children/children.server';
import { found } from '~/modules/http.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';

// A parent tells the center ahead that their child will not come.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, today } = await childContext(request, params, { roles: [], guardians: true });
  const child = found((await listGuardianChildren(viewer.user.id)).find((c) => c.id === params.childId));
  return { today, childName: child.full_name };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await childContext(request, params, { roles: [], guardians: true });
  const formData = await readForm(request);
  const parsed = parseForm(formData, parentAbsenceSchema(today));
  if (!parsed.ok) return parsed.response;
  const result = await markAbsent({
    centerId: center.id,
    childId: params.childId!,
    actorId: viewer.user.id,
    date: parsed.data.date,
    reason: parsed.data.reason,
    note: parsed.data.note,
  });
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
        <SelectField
          label={t('today.absenceReason')}
          options={PARENT_ABSENCE_REASONS.map((r) => ({ value: r, label: t(`absence.${r}`) }))}
          {...form.field('reason')}
        />
        <Field label={t('applicationDetail.note')} {...form.field('note')} hint={t('absenceReport.noteHint')} />
        <button type="submit" className="primary">
          {t('absenceReport.submit')}
        </button>
      </Form>
    </section>
  );
}
