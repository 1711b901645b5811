import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { itemText } from '~/modules/development/development';
import { DOMAINS } from '~/modules/development/rules';
import type { FieldErrors } from '~/modules/forms/fields';
import { ErrorMessage } from './field';

type ChecklistItem = {
  id: string;
  domain: string;
  age_months: number;
  text_id: string;
  text_en: string;
  flagged: boolean;
  latest: {
    status: string;
    observed_on: string;
    note: string | null;
    visible_to_family: number;
    photo_document_id: string | null;
  } | null;
};

/**
 * The child's checklist by domain, each item with its latest observation. Staff who record see, per
 * item, yes / not yet / not sure, a note (shared with the family or not) and a photo, all posted
 * as one multipart form with the day they were observed. Nothing when the checklist is empty.
 */
export function MilestoneChecklist({
  checklist,
  canRecord,
  today,
  errors,
}: {
  checklist: ChecklistItem[];
  canRecord: boolean;
  today: string;
  errors: FieldErrors;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const text = (i: { text_id: string; text_en: string }) => itemText(i, lng);
  if (checklist.length === 0) return null;
  return (
    <Form method="post" encType="multipart/form-data" className="card checklist">
      <h2>{t('development.checklist')}</h2>
      <ErrorMessage message={errors.form} />
      {canRecord ? (
        <div className="field no-print">
          <label htmlFor="observed_on">{t('development.observedOn')}</label>
          <input id="observed_on" name="observed_on" type="date" max={today} defaultValue={today} />
          <ErrorMessage message={errors.observed_on} />
        </div>
      ) : null}
      {DOMAINS.map((domain) => {
        const items = checklist.filter((i) => i.domain === domain);
        if (items.length === 0) return null;
        return (
          <fieldset key={domain}>
            <legend>{t(`domains.${domain}`)}</legend>
            {items.map((item) => (
              <div key={item.id} className={`milestone ${item.flagged ? 'flagged' : ''}`}>
                <p>
                  {text(item)} <span className="hint">{t('development.bandShort', { band: item.age_months })}</span>
                  {item.latest ? (
                    <span className={`status status-${item.latest.status}`}>
                      {t(`observation.${item.latest.status}`)} · {formatDate(item.latest.observed_on, lng)}
                    </span>
                  ) : null}
                  {item.latest?.note ? (
                    <span className="hint">
                      {' '}
                      · {item.latest.note} (
                      {t(item.latest.visible_to_family ? 'development.noteShared' : 'development.noteStaffOnly')})
                    </span>
                  ) : null}
                  {item.latest?.photo_document_id ? (
                    <a
                      href={`documents/${item.latest.photo_document_id}`}
                      target="_blank"
                      rel="noreferrer"
                      className="hint"
                    >
                      {' '}
                      · {t('development.photo')}
                    </a>
                  ) : null}
                </p>
                {canRecord ? (
                  <div className="choice no-print" role="radiogroup" aria-label={text(item)}>
                    {(['yes', 'not_yet', 'not_sure'] as const).map((s) => (
                      <label key={s}>
                        <input type="radio" name={`status:${item.id}`} value={s} /> {t(`observation.${s}`)}
                      </label>
                    ))}
                    <input
                      name={`note:${item.id}`}
                      placeholder={t('development.note')}
                      aria-label={`${t('development.note')}: ${text(item)}`}
                    />
                    <label>
                      <input type="checkbox" name={`share:${item.id}`} /> {t('development.shareNote')}
                    </label>
                    <input
                      type="file"
                      name={`photo:${item.id}`}
                      accept="image/jpeg,image/png"
                      capture="environment"
                      aria-label={`${t('development.photo')}: ${text(item)}`}
                    />
                  </div>
                ) : null}
              </div>
            ))}
          </fieldset>
        );
      })}
      {canRecord ? (
        <button type="submit" name="intent" value="observe" className="primary no-print">
          {t('development.saveObservations')}
        </button>
      ) : null}
      <p className="hint">{t('development.source')}</p>
    </Form>
  );
}
