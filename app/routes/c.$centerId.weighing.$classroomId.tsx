import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from '~/components/field';
import { formatDate, formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/language.server';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { observedOnSchema } from '~/modules/development/development';
import { formValues } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { recordWeighingDay, weighingRoom } from '~/modules/growth/growth.server';
import { found, notFound } from '~/modules/http.server';
import { nowIso } from '~db/ids';
import { RECORDING_ROLES } from '~/modules/users/staff';

// Weighing day (Posyandu style): weight, length/height and head for every child of a classroom in one sitting.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center, today } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const room = found(await weighingRoom({ centerId: center.id, classroomId: params.classroomId! }));
  return { ...room, today, loadedAt: nowIso() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const { user, session } = viewer;
  const formData = await readForm(request);
  const measuredOn = observedOnSchema(today).safeParse(formData.get('measured_on'));
  if (!measuredOn.success)
    return data(
      { errors: { measured_on: measuredOn.error.issues[0].message }, values: formValues(formData), saved: [] },
      { status: 400 },
    );
  const result =
    (await recordWeighingDay({
      centerId: center.id,
      classroomId: params.classroomId!,
      actorId: user.id,
      measuredOn: measuredOn.data,
      formData,
      lng: await requestLanguage(request, user.language),
    })) ?? notFound();
  if (Object.keys(result.errors).length === 0) {
    if (result.saved.length === 0)
      return data(
        { errors: { form: 'errors.measurementEmpty' }, values: formValues(formData), saved: [] },
        { status: 400 },
      );
    await setFlash(session, 'flash.measurementSaved');
    return redirect(`/c/${center.id}/weighing/${params.classroomId}`);
  }
  // The rows saved are not sent back: they show as measured; the others keep what was typed.
  const values = Object.fromEntries(
    Object.entries(formValues(formData)).filter(([key]) => !result.saved.some((id) => key.endsWith(`:${id}`))),
  );
  return data({ errors: result.errors, values, saved: result.saved }, { status: 400 });
}

// The rows that were saved must show as measured even when another row was refused.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === 'POST' || defaultShouldRevalidate;

export default function WeighingDay() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string | string[]> = actionData?.values ?? {};
  const value = (key: string) => {
    const v = values[key];
    return typeof v === 'string' ? v : undefined;
  };
  const num = (v: number | null, unit: string) => (v === null ? null : `${formatNumber(v, lng, 2)} ${unit}`);
  const measuredOn = value('measured_on') ?? d.today;
  const failed = Object.keys(errors).filter((k) => k.includes(':')).length;
  return (
    <section>
      <p className="eyebrow">
        <Link to="../../growth" relative="path">
          {t('nav.growth')}
        </Link>
      </p>
      <h1>{t('growth.weighingTitle', { room: d.classroom.name })}</h1>
      <p className="lead">{t('growth.weighingLead')}</p>
      {/* Remounted after every save, so that saved rows empty and refused rows show what was typed. */}
      <Form method="post" className="card weighing" key={d.loadedAt} noValidate>
        <ErrorMessage message={errors.form} />
        {failed > 0 ? (
          <p className="field-error" role="alert">
            {t('growth.weighingPartly', { saved: actionData?.saved.length ?? 0, count: failed })}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="measured_on">{t('reports.date')}</label>
          <input id="measured_on" name="measured_on" type="date" max={d.today} defaultValue={measuredOn} />
          <ErrorMessage message={errors.measured_on} />
        </div>
        {d.children.length === 0 ? <p className="empty">{t('classroom.empty')}</p> : null}
        {d.children.map((c) => {
          const name = c.nickname ?? c.full_name;
          const rowErrors = Object.entries(errors).filter(([k]) => k.endsWith(`:${c.id}`));
          const ask = (field: 'confirmed' | 'replace') => errors[`${field}:${c.id}`] || value(`${field}:${c.id}`);
          const ageDays = (Date.parse(measuredOn) - Date.parse(c.birth_date)) / 86_400_000;
          const m = c.latest;
          const input = (field: 'weight_kg' | 'length_cm' | 'head_cm', label: string) => (
            <label>
              <span>{label}</span>
              <input
                name={`${field}:${c.id}`}
                inputMode="decimal"
                autoComplete="off"
                aria-label={`${label}: ${name}`}
                aria-invalid={errors[`${field}:${c.id}`] ? true : undefined}
                defaultValue={value(`${field}:${c.id}`)}
              />
            </label>
          );
          return (
            <fieldset key={c.id} className={`weigh-row ${rowErrors.length ? 'has-error' : ''}`}>
              <legend>{name}</legend>
              <p className="hint">
                {m
                  ? `${m.measured_on === measuredOn ? t('growth.measuredThatDay') : t('growth.previous')} ${formatDate(m.measured_on, lng)}: ${[num(m.weight_kg, 'kg'), num(m.length_cm, 'cm'), num(m.head_cm, 'cm')].filter(Boolean).join(' · ')}`
                  : t('growth.none')}
              </p>
              <div className="weigh-inputs">
                {input('weight_kg', t('growth.weightKg'))}
                {input('length_cm', t('growth.lengthCm'))}
                <label>
                  <span>{t('growth.positionLabel')}</span>
                  <select
                    name={`position:${c.id}`}
                    aria-label={`${t('growth.positionLabel')}: ${name}`}
                    defaultValue={value(`position:${c.id}`) ?? (ageDays < 731 ? 'lying' : 'standing')}
                  >
                    {(['lying', 'standing'] as const).map((p) => (
                      <option key={p} value={p}>
                        {t(`growth.position.${p}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {input('head_cm', t('growth.headCm'))}
              </div>
              {rowErrors.map(([k, message]) => (
                <ErrorMessage key={k} message={message} />
              ))}
              {ask('confirmed') ? (
                <label className="checkbox-line">
                  <input type="checkbox" name={`confirmed:${c.id}`} defaultChecked={!!value(`confirmed:${c.id}`)} />{' '}
                  {t('growth.confirm')}
                </label>
              ) : null}
              {ask('replace') ? (
                <label className="checkbox-line">
                  <input type="checkbox" name={`replace:${c.id}`} defaultChecked={!!value(`replace:${c.id}`)} />{' '}
                  {t('growth.replace')}
                </label>
              ) : null}
            </fieldset>
          );
        })}
        <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
          {t('growth.saveWeighing')}
        </button>
      </Form>
    </section>
  );
}
