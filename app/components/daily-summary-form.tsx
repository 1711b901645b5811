import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { DailySummaryTimeSchema } from '~/modules/day/day';

/** When the day's summary goes to families: at each check-out, or at a time the center sets. */
export function DailySummaryForm({ time }: { time: string | null }) {
  const { t } = useTranslation();
  const form = useValidatedForm(DailySummaryTimeSchema, {
    intent: 'daily-summary',
    defaultValues: { daily_summary_time: time ?? '' },
  });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid">
      <h2>{t('day.summarySetting')}</h2>
      <input type="hidden" name="intent" value="daily-summary" />
      <ErrorMessage message={form.formError} />
      <Field
        label={t('day.summaryTime')}
        type="time"
        {...form.field('daily_summary_time')}
        hint={t('day.summaryTimeHint')}
      />
      <button type="submit" className="secondary">
        {t('actions.save')}
      </button>
    </Form>
  );
}
