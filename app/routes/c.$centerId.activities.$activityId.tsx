import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ActivityFacts, TagList, useTagLabel } from '~/components/activity-tags';
import { CopyActivitySchema, textFor } from '~/modules/activities/activities';
import { activityForCenter, copyActivity, profileDimensions } from '~/modules/activities/activities.server';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { itemText } from '~/modules/development/development';
import { parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { found, notFound } from '~/modules/http.server';
import { mayRecord, RECORDING_ROLES } from '~/modules/users/staff';

// One activity, printable: the shared library's or the center's own (another center's is 404).
// Teachers and coordinators copy it into the center's own to adapt it, or edit their own.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const [activity, dimensions] = await Promise.all([
    activityForCenter({ centerId: center.id, activityId: params.activityId! }),
    profileDimensions(),
  ]);
  return { centerId: center.id, activity: found(activity), dimensions, mayEdit: mayRecord(viewer.roles) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const formData = await readForm(request);
  const parsed = parseForm(formData, CopyActivitySchema);
  if (!parsed.ok) return parsed.response;
  const result = await copyActivity({ centerId: center.id, activityId: params.activityId!, actorId: viewer.user.id });
  if (!result.ok) notFound();
  await setFlash(viewer.session, 'flash.activityCopied');
  return redirect(`/c/${center.id}/activities/${result.id}/edit`);
}

export default function Activity() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const a = d.activity;
  const text = textFor(a.texts, i18n.language);
  const tagLabel = useTagLabel(d.dimensions);
  const copiedFrom = a.copiedFrom ? textFor(a.copiedFrom.titles, i18n.language) : undefined;
  return (
    <article className="activity-page">
      <p className="no-print">
        <Link to={`/c/${d.centerId}/activities`}>← {t('activities.backToLibrary')}</Link>
      </p>
      <h1>
        {text?.title}
        <span className="badge own">{a.own ? t('activities.ownBadge') : t('activities.sharedBadge')}</span>
      </h1>
      {text && text.language !== i18n.language ? (
        <p className="hint">{t('activities.otherLanguage', { language: t(`language.${text.language}`) })}</p>
      ) : null}
      <ActivityFacts activity={a} />
      <TagList tags={a.tags} label={tagLabel} />
      {copiedFrom && a.copiedFrom ? (
        <p className="hint">
          {t('activities.copiedFrom')}{' '}
          <Link to={`/c/${d.centerId}/activities/${a.copiedFrom.id}`}>{copiedFrom.title}</Link>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('roster.print')}
        </button>
        {d.mayEdit && a.own ? (
          <Link to="edit" className="button-link secondary">
            {t('activities.edit')}
          </Link>
        ) : null}
        {d.mayEdit ? (
          <Form method="post">
            <input type="hidden" name="intent" value="copy" />
            <button type="submit" className={a.own ? 'secondary' : 'primary'}>
              {t('activities.copy')}
            </button>
          </Form>
        ) : null}
      </div>
      {!a.own && d.mayEdit ? <p className="hint no-print">{t('activities.sharedReadOnly')}</p> : null}
      {a.hasPhoto ? (
        <img
          className="activity-photo"
          src={`/c/${d.centerId}/activities/${a.id}/photo?v=${encodeURIComponent(a.updatedAt)}`}
          alt={t('activities.photoAlt', { title: text?.title ?? '' })}
          width={480}
        />
      ) : null}
      {text ? (
        <>
          <h2>{t('activities.fields.goal')}</h2>
          <p className="activity-text">{text.goal}</p>
          <h2>{t('activities.fields.materials')}</h2>
          <p className="activity-text">{text.materials}</p>
          <h2>{t('activities.fields.steps')}</h2>
          <p className="activity-text">{text.steps}</p>
          {text.adaptations ? (
            <>
              <h2>{t('activities.fields.adaptations')}</h2>
              <p className="activity-text">{text.adaptations}</p>
            </>
          ) : null}
          {text.safety_notes ? (
            <>
              <h2>{t('activities.fields.safety_notes')}</h2>
              <p className="activity-text">{text.safety_notes}</p>
            </>
          ) : null}
        </>
      ) : null}
      <h2>{t('activities.supports')}</h2>
      {a.milestones.length === 0 ? <p className="empty">{t('activities.noMilestones')}</p> : null}
      <ul>
        {a.milestones.map((m) => (
          <li key={m.id}>
            {itemText(m, i18n.language)}{' '}
            <span className="hint">
              ({t('activities.months', { count: m.age_months })} · {t(`domains.${m.domain}`)})
            </span>
          </li>
        ))}
      </ul>
    </article>
  );
}
