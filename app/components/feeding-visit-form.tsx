import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { FeedingVisitSchema } from '~/modules/day/day';
import { useLastSaved } from './use-last-saved';

/**
 * A mother logs her visit to the lactation room from her phone: minutes, and the time when it was
 * not just now. The page gives it a new key once the visit shows in the day, so it starts empty.
 */
export function FeedingVisitForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(FeedingVisitSchema, { intent: 'feeding' });
  const saved = useLastSaved<{ ok?: boolean; intent?: string }>();
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid">
      <h2>{t('day.feedingTitle')}</h2>
      <p className="hint">{t('day.feedingHint')}</p>
      <input type="hidden" name="intent" value="feeding" />
      <ErrorMessage message={form.formError} />
      <Field label={t('day.minutes')} type="number" inputMode="numeric" min={1} {...form.field('minutes')} />
      <Field label={t('day.time')} type="time" {...form.field('time')} hint={t('day.timeHint')} />
      <button type="submit" className="primary">
        {t('day.feedingSave')}
      </button>
      {saved?.intent === 'feeding' ? (
        <p className="notice" role="status">
          {t('day.feedingLogged')}
        </p>
      ) : null}
    </Form>
  );
}
