import { Form, Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { itemText } from '~/modules/development/development';
import {
  HOME_NOTE_MAX,
  SendHomeSchema,
  TRIED_COMMENT_MAX,
  TriedSchema,
} from '~/modules/home-activities/home-activities';
import { ErrorMessage, Field } from './field';
import { useValidatedForm } from './use-validated-form';

type Suggestion = {
  id: string;
  title: string;
  own: boolean;
  minAgeMonths: number;
  maxAgeMonths: number;
  items: { id: string; domain: string; text_id: string; text_en: string }[];
};

type SentHome = {
  id: string;
  activity_id: string;
  title: string | undefined;
  note: string;
  sent_on: string;
  sent_by_name: string;
  tried_on: string | null;
  tried_comment: string;
  tried_by_name: string | null;
};

/**
 * The staff side on a child's development page: activities of the library that support the child's
 * "not yet" items (the most first), each with a form to send it home; then what was sent, and
 * whether the family tried it.
 */
export function HomeActivitiesCard({
  centerId,
  childName,
  suggestions,
  sent,
  canSend,
}: {
  centerId: string;
  childName: string;
  suggestions: Suggestion[];
  sent: SentHome[];
  canSend: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section className="card no-print" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('homeActivities.suggestionsTitle')}</h2>
      <p className="hint">{t('homeActivities.suggestionsLead', { name: childName })}</p>
      {suggestions.length === 0 ? <p className="empty">{t('homeActivities.noSuggestions')}</p> : null}
      <ol className="plain suggestions">
        {suggestions.map((s) => (
          <li key={s.id}>
            <article aria-label={s.title}>
              <h3>
                <Link to={`/c/${centerId}/activities/${s.id}`}>{s.title}</Link>{' '}
                <span className="hint">
                  {t('activities.ageRange', { min: s.minAgeMonths, max: s.maxAgeMonths })} ·{' '}
                  {s.own ? t('activities.ownBadge') : t('activities.sharedBadge')}
                </span>
              </h3>
              <p>{t('homeActivities.supportsOpen', { count: s.items.length })}</p>
              <ul>
                {s.items.map((i) => (
                  <li key={i.id}>
                    {itemText(i, lng)} <span className="hint">({t(`domains.${i.domain}`)})</span>
                  </li>
                ))}
              </ul>
              {canSend ? <SendHomeForm activityId={s.id} title={s.title} /> : null}
            </article>
          </li>
        ))}
      </ol>
      <h2 id="sent-home-title">{t('homeActivities.sentTitle')}</h2>
      {sent.length === 0 ? <p className="empty">{t('homeActivities.noneSent')}</p> : null}
      <ul className="plain" aria-labelledby="sent-home-title">
        {sent.map((h) => (
          <li key={h.id}>
            <strong>{h.title}</strong> ·{' '}
            {t('homeActivities.sentBy', { date: formatDate(h.sent_on, lng), name: h.sent_by_name })}
            {h.note ? <span className="hint"> · {t('homeActivities.yourNote', { note: h.note })}</span> : null}
            <br />
            {h.tried_on ? (
              <span className="badge ok">
                {t('homeActivities.triedBy', { date: formatDate(h.tried_on, lng), name: h.tried_by_name ?? '' })}
              </span>
            ) : (
              <span className="badge">{t('homeActivities.notTried')}</span>
            )}
            {h.tried_comment ? <span> · {t('homeActivities.familySaid', { comment: h.tried_comment })}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SendHomeForm({ activityId, title }: { activityId: string; title: string }) {
  const { t } = useTranslation();
  const form = useValidatedForm(SendHomeSchema, {
    intent: 'send-home',
    defaultValues: { activity_id: activityId, note: '' },
    owns: (values) => values.activity_id === activityId,
  });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="form-grid">
      <input type="hidden" name="intent" value="send-home" />
      <input type="hidden" {...form.field('activity_id').registration} />
      <Field
        id={`note-${activityId}`}
        label={t('homeActivities.noteLabel')}
        hint={t('homeActivities.noteHint', { max: HOME_NOTE_MAX })}
        {...form.field('note')}
      />
      <ErrorMessage message={form.field('activity_id').error} />
      <div className="actions">
        <button type="submit" className="primary" aria-label={t('homeActivities.sendLabel', { title })}>
          {t('homeActivities.send')}
        </button>
      </div>
    </Form>
  );
}

type FamilyHomeActivity = {
  id: string;
  title: string;
  goal: string;
  steps: string;
  materials: string;
  safetyNotes: string;
  language: string | null;
  note: string;
  sent_on: string;
  sent_by_name: string;
  tried_on: string | null;
  tried_comment: string;
};

/** The family side: each activity sent home, in the reader's language, and "we tried it". */
export function FamilyHomeActivities({ activities }: { activities: FamilyHomeActivity[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  if (activities.length === 0) return null;
  return (
    <section aria-labelledby="home-activities-title" id="home">
      <h2 id="home-activities-title">{t('homeActivities.familyTitle')}</h2>
      <p className="lead">{t('homeActivities.familyLead')}</p>
      {activities.map((a) => (
        <article key={a.id} className="card" aria-label={a.title}>
          <h3>{a.title}</h3>
          <p className="hint">
            {t('homeActivities.sentBy', { date: formatDate(a.sent_on, lng), name: a.sent_by_name })}
          </p>
          {a.language ? (
            <p className="hint">{t('activities.otherLanguage', { language: t(`language.${a.language}`) })}</p>
          ) : null}
          {a.note ? <p className="notice">{t('homeActivities.teacherNote', { note: a.note })}</p> : null}
          <h4>{t('activities.fields.goal')}</h4>
          <p className="activity-text">{a.goal}</p>
          <h4>{t('activities.fields.materials')}</h4>
          <p className="activity-text">{a.materials}</p>
          <h4>{t('activities.fields.steps')}</h4>
          <p className="activity-text">{a.steps}</p>
          {a.safetyNotes ? (
            <>
              <h4>{t('activities.fields.safety_notes')}</h4>
              <p className="activity-text">{a.safetyNotes}</p>
            </>
          ) : null}
          {a.tried_on ? (
            <p role="status">
              {t('homeActivities.youTried', { date: formatDate(a.tried_on, lng) })}
              {a.tried_comment ? ` · ${t('homeActivities.yourComment', { comment: a.tried_comment })}` : ''}
            </p>
          ) : null}
          <TriedForm id={a.id} title={a.title} comment={a.tried_comment} tried={a.tried_on !== null} />
        </article>
      ))}
    </section>
  );
}

function TriedForm({ id, title, comment, tried }: { id: string; title: string; comment: string; tried: boolean }) {
  const { t } = useTranslation();
  const form = useValidatedForm(TriedSchema, {
    intent: 'tried',
    defaultValues: { home_activity_id: id, comment },
    owns: (values) => values.home_activity_id === id,
  });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="form-grid">
      <input type="hidden" name="intent" value="tried" />
      <input type="hidden" {...form.field('home_activity_id').registration} />
      <Field
        id={`comment-${id}`}
        label={t('homeActivities.commentLabel')}
        hint={t('homeActivities.commentHint', { max: TRIED_COMMENT_MAX })}
        {...form.field('comment')}
      />
      <div className="actions">
        <button
          type="submit"
          className={tried ? 'secondary' : 'primary'}
          aria-label={t('homeActivities.triedLabel', { title })}
        >
          {tried ? t('homeActivities.updateComment') : t('homeActivities.tried')}
        </button>
      </div>
    </Form>
  );
}
