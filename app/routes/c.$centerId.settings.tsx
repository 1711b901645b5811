import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { requireUser } from '~/modules/auth/require-user.server';
import { setFlash } from '~/modules/auth/session.server';
import { CenterSettingsSchema } from '~/modules/centers/centers';
import { getCenter, updateCenterSettings } from '~/modules/centers/centers.server';
import { parseForm } from '~/modules/forms/parse.server';
import { CENTER_TIME_ZONES, WEEKDAYS } from '~/modules/time/time';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { centerId: params.centerId!, roles: ['coordinator'] });
  const center = await getCenter(params.centerId!);
  const hours = Object.fromEntries(
    WEEKDAYS.flatMap((d) => [
      [`open_${d}`, center.opening_hours[d]?.[0] ?? ''],
      [`close_${d}`, center.opening_hours[d]?.[1] ?? ''],
    ]),
  );
  return {
    values: {
      name: center.name,
      address: center.address,
      province: center.province,
      city: center.city,
      time_zone: center.time_zone,
      capacity: String(center.capacity),
      contact_phone: center.contact_phone ?? '',
      contact_email: center.contact_email ?? '',
      require_two_factor: center.require_two_factor,
      ...hours,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request, { centerId: params.centerId!, roles: ['coordinator'] });
  const parsed = parseForm(await request.formData(), CenterSettingsSchema);
  if (!parsed.ok) return parsed.response;
  await updateCenterSettings({ centerId: params.centerId!, actorId: user.id, settings: parsed.data });
  await setFlash(session, 'flash.saved');
  return redirect(`/c/${params.centerId}/settings`);
}

export default function CenterSettings() {
  const { values } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { field, register, onSubmit, formError, formState } = useValidatedForm(CenterSettingsSchema, { defaultValues: values });
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
        <Field label={t('settings.contactPhone')} type="tel" {...field('contact_phone')} hint={t('settings.phoneHint')} />
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
        <button type="submit" className="primary">
          {t('actions.save')}
        </button>
      </Form>
    </section>
  );
}
