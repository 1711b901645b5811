import { Form } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { kpspSchema } from '~/modules/development/development';
import { KPSP_AGES } from '~/modules/development/rules';
import { Field, SelectField } from './field';
import { useValidatedForm } from './use-validated-form';

type Screening = {
  id: string;
  screened_on: string;
  age_point_months: number;
  yes_count: number;
  interpretation: string;
  follow_up_due: string | null;
};

/** The child's KPSP screenings with what each means and when to follow up; staff who record add one. */
export function KpspCard({
  screenings,
  canRecord,
  today,
  kpspDue,
}: {
  screenings: Screening[];
  canRecord: boolean;
  today: string;
  /** The KPSP form for the child's age today, if any: what the form starts with. */
  kpspDue: number | null;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const kpsp = useValidatedForm(
    useMemo(() => kpspSchema(today), [today]),
    { intent: 'kpsp', defaultValues: { screened_on: today, age_point_months: String(kpspDue ?? '') } },
  );
  return (
    <div className="card">
      <h2>{t('development.kpsp')}</h2>
      <p className="hint">{t('development.kpspIntro')}</p>
      {screenings.length === 0 ? <p className="empty">{t('development.noKpsp')}</p> : null}
      <ul className="plain">
        {screenings.map((s) => (
          <li key={s.id}>
            {formatDate(s.screened_on, lng)} · {t('development.kpspForm', { months: s.age_point_months })} ·{' '}
            {t('development.yesCount', { count: s.yes_count })} · <strong>{t(`kpsp.${s.interpretation}`)}</strong>
            {s.follow_up_due
              ? ` · ${t(`kpsp.followUp_${s.interpretation}`, { date: formatDate(s.follow_up_due, lng) })}`
              : ''}
          </li>
        ))}
      </ul>
      {canRecord ? (
        <Form method="post" onSubmit={kpsp.onSubmit} noValidate className="form-grid no-print">
          <input type="hidden" name="intent" value="kpsp" />
          <Field label={t('development.screenedOn')} type="date" max={today} {...kpsp.field('screened_on')} />
          <SelectField
            label={t('development.kpspAge')}
            options={KPSP_AGES.map((a) => ({ value: String(a), label: t('development.kpspForm', { months: a }) }))}
            {...kpsp.field('age_point_months')}
          />
          <Field
            label={t('development.yesAnswers')}
            type="number"
            min={0}
            max={10}
            inputMode="numeric"
            {...kpsp.field('yes_count')}
          />
          <Field label={t('development.note')} {...kpsp.field('note')} />
          <button type="submit" className="secondary">
            {t('development.saveKpsp')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
