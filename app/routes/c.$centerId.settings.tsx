import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { RATIO_BANDS, ratioFormValues, ratioRulesFromForm } from '~/modules/attendance/rules';
import { regionalViewersOf } from '~/modules/regional/regional.server';
import { RegionalViewers } from '~/components/regional-viewers';
import { centerContext } from '~/modules/centers/context.server';
import { setFlash } from '~/modules/auth/session.server';
import { CenterSettingsSchema, ClassroomSchema, QuietHoursSchema, RatioRulesSchema } from '~/modules/centers/centers';
import {
  confirmRatioRules,
  listClassrooms,
  saveClassroom,
  setQuietHours,
  updateCenterSettings,
} from '~/modules/centers/centers.server';
import { notFound } from '~/modules/http.server';
import { parseForm } from '~/modules/forms/parse.server';
import { CENTER_TIME_ZONES, WEEKDAYS } from '~/modules/time/time';
import { DailySummaryForm } from '~/components/daily-summary-form';
import { DailySummaryTimeSchema } from '~/modules/day/day';
import { dailySummaryTime, setDailySummaryTime } from '~/modules/day/summary.server';
import { readForm } from '~/modules/forms/read.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator'] });
  const [classrooms, summaryTime, regionalViewers] = await Promise.all([
    listClassrooms(center.id),
    dailySummaryTime(center.id),
    regionalViewersOf(center),
  ]);
  const hours = Object.fromEntries(
    WEEKDAYS.flatMap((d) => [
      [`open_${d}`, center.openingHours[d]?.[0] ?? ''],
      [`close_${d}`, center.openingHours[d]?.[1] ?? ''],
    ]),
  );
  return {
    classrooms,
    summaryTime,
    regionalViewers,
    ratios: { ...ratioFormValues(center.ratioRules), confirmedAt: center.ratioConfirmedAt },
    quietHours: { quiet_hours_start: center.quietHours.start ?? '', quiet_hours_end: center.quietHours.end ?? '' },
    values: {
      name: center.name,
      address: center.address,
      province: center.province,
      city: center.city,
      time_zone: center.timeZone,
      capacity: String(center.capacity),
      contact_phone: center.contactPhone ?? '',
      contact_email: center.contactEmail ?? '',
      require_two_factor: center.requireTwoFactor,
      lactation_room: center.lactationRoom,
      ...hours,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: ['coordinator'] });
  const { user, session } = viewer;
  const centerId = center.id;
  const formData = await readForm(request);
  const back = async () => {
    await setFlash(session, 'flash.saved');
    return redirect(`/c/${centerId}/settings`);
  };
  if (formData.get('intent') === 'classroom') {
    const room = parseForm(formData, ClassroomSchema);
    if (!room.ok) return room.response;
    const { intent: _intent, ...classroom } = room.data;
    if (!(await saveClassroom({ centerId, actorId: user.id, classroom }))) notFound();
    return back();
  }
  if (formData.get('intent') === 'ratios') {
    const ratios = parseForm(formData, RatioRulesSchema);
    if (!ratios.ok) return ratios.response;
    await confirmRatioRules({ centerId, actorId: user.id, rules: ratioRulesFromForm(ratios.data) });
    return back();
  }
  if (formData.get('intent') === 'daily-summary') {
    const summary = parseForm(formData, DailySummaryTimeSchema);
    if (!summary.ok) return summary.response;
    await setDailySummaryTime({ centerId, actorId: user.id, time: summary.data.daily_summary_time });
    return back();
  }
  if (formData.get('intent') === 'quietHours') {
    const quiet = parseForm(formData, QuietHoursSchema);
    if (!quiet.ok) return quiet.response;
    await setQuietHours({ centerId, actorId: user.id, quietHours: quiet.data });
    return back();
  }
  const parsed = parseForm(formData, CenterSettingsSchema);
  if (!parsed.ok) return parsed.response;
  await updateCenterSettings({ centerId, actorId: user.id, settings: parsed.data });
  return back();
}

export default function CenterSettings() {
  const { values, classrooms, ratios, summaryTime, quietHours, regionalViewers } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { field, register, onSubmit, formError, formState } = useValidatedForm(CenterSettingsSchema, {
    defaultValues: values,
  });
  const ratioForm = useValidatedForm(RatioRulesSchema, { intent: 'ratios', defaultValues: ratios });
  const quietForm = useValidatedForm(QuietHoursSchema, { intent: 'quietHours', defaultValues: quietHours });
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <Form method="post" onSubmit={onSubmit} noValidate className="card form-grid">
        <ErrorMessage message={formError} />
        <Field label={t('settings.name')} {...field('name')} />
        <Field label={t('settings.address')} {...field('address')} />
        <Field label={t('settings.province')} {...field('province')} />
        <Field label={t('settings.city')} {...field('city')} />
        <div className="field">
          <label htmlFor="f-time_zone">{t('settings.timeZone')}</label>
          <select id="f-time_zone" {...register('time_zone')}>
            {CENTER_TIME_ZONES.map((z) => (
              <option key={z} value={z}>
                {t(`timeZones.${z.replace('/', '_')}`)}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('settings.capacity')} type="number" inputMode="numeric" min={1} {...field('capacity')} />
        <Field
          label={t('settings.contactPhone')}
          type="tel"
          {...field('contact_phone')}
          hint={t('settings.phoneHint')}
        />
        <Field label={t('settings.contactEmail')} type="email" {...field('contact_email')} />
        <fieldset className="hours">
          <legend>{t('settings.openingHours')}</legend>
          <p className="hint">{t('settings.openingHoursHint')}</p>
          {WEEKDAYS.map((d) => (
            <div key={d} className="hours-row">
              <span>{t(`weekdays.${d}`)}</span>
              <label className="visually-hidden" htmlFor={`f-open_${d}`}>
                {t('settings.opens')} {t(`weekdays.${d}`)}
              </label>
              <input id={`f-open_${d}`} type="time" {...register(`open_${d}`)} />
              <label className="visually-hidden" htmlFor={`f-close_${d}`}>
                {t('settings.closes')} {t(`weekdays.${d}`)}
              </label>
              <input id={`f-close_${d}`} type="time" {...register(`close_${d}`)} />
              <ErrorMessage message={formState.errors[`close_${d}`]?.message as string | undefined} />
            </div>
          ))}
        </fieldset>
        <div className="field checkbox">
          <input id="f-require_two_factor" type="checkbox" {...register('require_two_factor')} />
          <label htmlFor="f-require_two_factor">{t('settings.requireTwoFactor')}</label>
        </div>
        <div className="field checkbox">
          <input id="f-lactation_room" type="checkbox" {...register('lactation_room')} />
          <label htmlFor="f-lactation_room">{t('settings.lactationRoom')}</label>
        </div>
        <button type="submit" className="primary">
          {t('actions.save')}
        </button>
      </Form>

      <h2>{t('settings.ratios')}</h2>
      <Form method="post" onSubmit={ratioForm.onSubmit} noValidate className="card form-grid">
        <p className="hint">
          {ratios.confirmedAt
            ? t('settings.ratiosConfirmed', {
                date: formatDate(ratios.confirmedAt.slice(0, 10), i18n.language as Lang),
              })
            : t('settings.ratiosDefault')}
        </p>
        <input type="hidden" name="intent" value="ratios" />
        {RATIO_BANDS.map((b) => (
          <Field
            key={b.key}
            label={t(`settings.${b.key}`)}
            type="number"
            min={1}
            inputMode="numeric"
            {...ratioForm.field(b.key)}
          />
        ))}
        <button type="submit" className="secondary">
          {t('settings.confirmRatios')}
        </button>
      </Form>

      <DailySummaryForm time={summaryTime} />

      <h2>{t('settings.quietHours')}</h2>
      <Form method="post" onSubmit={quietForm.onSubmit} noValidate className="card form-grid">
        <p className="hint">{t('settings.quietHoursHint')}</p>
        <input type="hidden" name="intent" value="quietHours" />
        <Field label={t('settings.quietHoursStart')} type="time" {...quietForm.field('quiet_hours_start')} />
        <Field label={t('settings.quietHoursEnd')} type="time" {...quietForm.field('quiet_hours_end')} />
        <button type="submit" className="secondary">
          {t('actions.save')}
        </button>
      </Form>

      <h2>{t('center.classrooms')}</h2>
      {classrooms.map((c) => (
        <ClassroomForm key={c.id} classroom={c} />
      ))}
      <ClassroomForm />

      <RegionalViewers viewers={regionalViewers} />
    </section>
  );
}

function ClassroomForm({
  classroom,
}: {
  classroom?: { id: string; name: string; min_age_months: number; max_age_months: number; capacity: number };
}) {
  const { t } = useTranslation();
  const key = classroom?.id ?? 'new';
  const form = useValidatedForm(ClassroomSchema, {
    intent: 'classroom',
    defaultValues: classroom ? { ...classroom, classroomId: classroom.id } : { capacity: 12 },
    owns: (values) => (values.classroomId ?? 'new') === key,
  });
  const f = (name: string) => ({ ...form.field(name), id: `${key}-${name}` });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid classroom-form">
      <h3>{classroom ? classroom.name : t('settings.newClassroom')}</h3>
      <input type="hidden" name="intent" value="classroom" />
      {classroom ? <input type="hidden" name="classroomId" value={classroom.id} /> : null}
      <Field label={t('settings.classroomName')} {...f('name')} />
      <Field label={t('settings.minAge')} type="number" inputMode="numeric" {...f('min_age_months')} />
      <Field label={t('settings.maxAge')} type="number" inputMode="numeric" {...f('max_age_months')} />
      <Field label={t('settings.classroomCapacity')} type="number" inputMode="numeric" {...f('capacity')} />
      <button type="submit" className="secondary">
        {classroom ? t('actions.save') : t('childRecord.add')}
      </button>
    </Form>
  );
}
