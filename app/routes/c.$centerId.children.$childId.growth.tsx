import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import { CheckboxField, ErrorMessage, Field, SelectField } from '~/components/field';
import { GrowthView } from '~/components/growth-view';
import { useValidatedForm } from '~/components/use-validated-form';
import { childContext } from '~/modules/centers/context.server';
import { mayRecord, RECORDING_ROLES } from '~/modules/users/staff';
import { setFlash } from '~/modules/auth/session.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { measurementFormSchema, measurementQuestion } from '~/modules/growth/growth';
import { requestLanguage } from '~/i18n/language.server';
import { chartData, growthHistory, recordMeasurement } from '~/modules/growth/growth.server';
import { found, notFound } from '~/modules/http.server';
import { readForm } from '~/modules/forms/read.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await childContext(request, params);
  const { child, measurements } = found(await growthHistory({ centerId: center.id, childId: params.childId! }));
  return {
    child: { name: child.full_name, sex: child.sex, birth_date: child.birth_date },
    measurements,
    chart: chartData(child, measurements),
    canRecord: mayRecord(viewer.roles),
    today,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await childContext(request, params, { roles: RECORDING_ROLES });
  const { user, session } = viewer;
  const { child } = found(await growthHistory({ centerId: center.id, childId: params.childId! }));
  const formData = await readForm(request);
  const parsed = parseForm(formData, measurementFormSchema(child));
  if (!parsed.ok) return parsed.response;
  const { confirmed, replace, ...input } = parsed.data;
  const result = await recordMeasurement({
    centerId: center.id,
    childId: child.id,
    actorId: user.id,
    input,
    confirmed,
    replace,
  });
  if (!result.ok) {
    if (result.error === 'notFound') notFound();
    return failure(
      formData,
      measurementQuestion({ ...result, error: result.error }, await requestLanguage(request, user.language)),
    );
  }
  await setFlash(session, 'flash.measurementSaved');
  return redirect(`/c/${center.id}/children/${child.id}/growth`);
}

export default function ChildGrowth() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const schema = useMemo(() => measurementFormSchema(d.child), [d.child]);
  const ageDays = (Date.parse(d.today) - Date.parse(d.child.birth_date)) / 86_400_000;
  const form = useValidatedForm(schema, {
    defaultValues: { measured_on: d.today, position: ageDays < 731 ? 'lying' : 'standing' },
  });
  // A question once asked stays on the form, so that answering the next one does not undo it.
  const asked = (name: 'confirmed' | 'replace') =>
    actionData && 'errors' in actionData && (actionData.errors[name] || actionData.values[name]);
  const needsConfirm = asked('confirmed');
  const needsReplace = asked('replace');
  return (
    <section>
      <p className="eyebrow">
        <Link to=".." relative="path">
          {d.child.name}
        </Link>
      </p>
      <h1>{t('growth.title', { name: d.child.name })}</h1>
      <GrowthView chart={d.chart} measurements={d.measurements} detailed />
      {d.canRecord ? (
        <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid no-print">
          <h2>{t('growth.record')}</h2>
          <ErrorMessage message={form.formError} />
          <Field label={t('reports.date')} type="date" max={d.today} {...form.field('measured_on')} />
          <Field label={t('growth.weightKg')} inputMode="decimal" {...form.field('weight_kg')} />
          <Field label={t('growth.lengthCm')} inputMode="decimal" {...form.field('length_cm')} />
          <SelectField
            label={t('growth.positionLabel')}
            options={(['lying', 'standing'] as const).map((p) => ({ value: p, label: t(`growth.position.${p}`) }))}
            {...form.field('position')}
          />
          <Field label={t('growth.headCm')} inputMode="decimal" {...form.field('head_cm')} />
          <Field
            label={t('growth.muacCm')}
            inputMode="decimal"
            {...form.field('muac_cm')}
            hint={t('growth.muacHint')}
          />
          <Field label={t('applicationDetail.note')} {...form.field('note')} />
          {needsConfirm ? <CheckboxField label={t('growth.confirm')} {...form.field('confirmed')} /> : null}
          {needsReplace ? <CheckboxField label={t('growth.replace')} {...form.field('replace')} /> : null}
          <button type="submit" className="primary">
            {t('actions.save')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
