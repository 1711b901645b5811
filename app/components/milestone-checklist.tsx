import { useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '~/i18n/translation';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { itemText } from '~/modules/development/development';
import { DOMAINS } from '~/modules/development/rules';
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

const ANSWERS = ['yes', 'not_yet', 'not_sure'] as const;

/**
 * The child's checklist by domain, each item with its latest answer and its date. Staff who record
 * tap yes / not yet / not sure and the answer is saved at once (one fetcher per item, so nothing
 * typed elsewhere is lost and the page never reloads); a note (shared with the family or not) and a
 * photo sit behind a small "add" control. Nothing when the checklist is empty.
 */
export function MilestoneChecklist({
  checklist,
  canRecord,
  today,
}: {
  checklist: ChecklistItem[];
  canRecord: boolean;
  today: string;
}) {
  const { t } = useTranslation();
  const [observedOn, setObservedOn] = useState(today);
  if (checklist.length === 0) return null;
  return (
    <section className="card checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('development.checklist')}</h2>
      {canRecord ? (
        <div className="field no-print">
          <label htmlFor="observed_on">{t('development.observedOn')}</label>
          <input
            id="observed_on"
            type="date"
            max={today}
            value={observedOn}
            onChange={(e) => setObservedOn(e.target.value || today)}
          />
          <p className="hint">{t('development.savedAsTapped')}</p>
        </div>
      ) : null}
      {DOMAINS.map((domain) => {
        const items = checklist.filter((i) => i.domain === domain);
        if (items.length === 0) return null;
        return (
          <fieldset key={domain}>
            <legend>{t(`domains.${domain}`)}</legend>
            {items.map((item) => (
              <ChecklistRow key={item.id} item={item} canRecord={canRecord} observedOn={observedOn} />
            ))}
          </fieldset>
        );
      })}
      <p className="hint">{t('development.source')}</p>
    </section>
  );
}

type Saved = { saved: { itemId: string; status: string; observedOn: string } } | { errors: Record<string, string> };

function ChecklistRow({
  item,
  canRecord,
  observedOn,
}: {
  item: ChecklistItem;
  canRecord: boolean;
  observedOn: string;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const text = itemText(item, lng);
  const fetcher = useFetcher<Saved>({ key: `observe-${item.id}` });
  const form = useRef<HTMLFormElement>(null);
  // Arrow keys move through a radio group and select as they go: a keyboard user's choice is saved
  // once they stop for a moment, a tap or click at once.
  const byKeyboard = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const submit = () => {
    if (form.current) fetcher.submit(form.current, { method: 'post', encType: 'multipart/form-data' });
  };
  const onAnswer = () => {
    clearTimeout(timer.current);
    if (byKeyboard.current) timer.current = setTimeout(submit, 700);
    else submit();
  };
  const answeredToday = item.latest?.observed_on === observedOn ? item.latest.status : null;
  // A refused answer says why on its own row: the day chosen above, a photo's type, nothing chosen.
  const error =
    fetcher.data && 'errors' in fetcher.data
      ? (fetcher.data.errors.form ?? fetcher.data.errors.observed_on)
      : undefined;
  const state =
    fetcher.state !== 'idle'
      ? t('development.saving')
      : fetcher.data && 'saved' in fetcher.data
        ? t('development.answerSaved')
        : '';
  return (
    <div className={`milestone ${item.flagged ? 'flagged' : ''}`}>
      <p id={`item-${item.id}`}>
        {text} <span className="hint">{t('development.bandShort', { band: item.age_months })}</span>
        {item.latest ? (
          <span className={`status status-${item.latest.status}`}>
            {t('development.lastAnswer', {
              answer: t(`observation.${item.latest.status}`),
              date: formatDate(item.latest.observed_on, lng),
            })}
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
          <a href={`documents/${item.latest.photo_document_id}`} target="_blank" rel="noreferrer" className="hint">
            {' '}
            · {t('development.photo')}
          </a>
        ) : null}
      </p>
      {canRecord ? (
        <fetcher.Form method="post" encType="multipart/form-data" ref={form} className="no-print">
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="observed_on" value={observedOn} />
          <div
            className="answers"
            role="radiogroup"
            aria-labelledby={`item-${item.id}`}
            onKeyDown={() => (byKeyboard.current = true)}
            onPointerDown={() => (byKeyboard.current = false)}
          >
            {ANSWERS.map((s) => (
              <label key={s} className="choice">
                <input
                  type="radio"
                  name={`status:${item.id}`}
                  value={s}
                  defaultChecked={answeredToday === s}
                  onChange={onAnswer}
                />{' '}
                {t(`observation.${s}`)}
              </label>
            ))}
            <span className="hint" role="status">
              {state}
            </span>
          </div>
          <ErrorMessage message={error} />
          <details className="add-detail">
            <summary>{t('development.addNoteOrPhoto')}</summary>
            <input
              name={`note:${item.id}`}
              placeholder={t('development.note')}
              aria-label={`${t('development.note')}: ${text}`}
              maxLength={300}
            />
            <label>
              <input type="checkbox" name={`share:${item.id}`} /> {t('development.shareNote')}
            </label>
            <input
              type="file"
              name={`photo:${item.id}`}
              accept="image/jpeg,image/png"
              capture="environment"
              aria-label={`${t('development.photo')}: ${text}`}
            />
            <button type="submit" className="secondary">
              {t('development.saveNote')}
            </button>
          </details>
        </fetcher.Form>
      ) : null}
    </div>
  );
}
