import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FilterSelect } from '~/components/filter-select';
import { ActivityFacts, TagList, useTagLabel } from '~/components/activity-tags';
import type { Lang } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/language.server';
import {
  ACTIVITY_SCOPES,
  LEARNING_ELEMENTS,
  MONTESSORI_AREAS,
  parseActivityFilters,
  tagValue,
} from '~/modules/activities/activities';
import { milestoneChoices, profileDimensions, searchActivities } from '~/modules/activities/activities.server';
import { centerContext } from '~/modules/centers/context.server';
import { listClassrooms } from '~/modules/centers/centers.server';
import { itemText } from '~/modules/development/development';
import { DOMAINS } from '~/modules/development/rules';
import { mayRecord } from '~/modules/users/staff';

// The activity library: the shared activities and the center's own, searched and filtered by
// age (or a room's ages), tag, development domain and milestone item. Every staff member reads
// it; teachers and coordinators add and adapt activities.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const lng = await requestLanguage(request, viewer.user.language);
  const searchParams = new URL(request.url).searchParams;
  const filters = parseActivityFilters(searchParams);
  const [activities, classrooms, dimensions, items] = await Promise.all([
    searchActivities({ centerId: center.id, filters, lang: lng }),
    listClassrooms(center.id),
    profileDimensions(),
    milestoneChoices(center.id),
  ]);
  return {
    centerId: center.id,
    activities,
    mayEdit: mayRecord(viewer.roles),
    filtered: [...searchParams.values()].some((v) => v.trim() !== '' && v !== 'all'),
    filters: {
      q: filters.q ?? '',
      age: filters.age === null ? '' : String(filters.age),
      room: filters.room ?? '',
      tag: filters.tag ? tagValue(filters.tag) : '',
      domain: filters.domain ?? '',
      milestone: filters.milestone ?? '',
      scope: filters.scope,
    },
    classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })),
    dimensions,
    items,
  };
}

export default function Activities() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const tagLabel = useTagLabel(d.dimensions);
  const ages = [...new Set(d.items.map((i) => i.age_months))];
  return (
    <section>
      <h1>{t('activities.title')}</h1>
      <p className="lead">{t('activities.lead')}</p>
      {d.classrooms.length ? (
        <nav aria-label={t('plans.roomsTitle')} className="plan-links">
          <strong>{t('plans.roomsTitle')}:</strong>{' '}
          {d.classrooms.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? ' · ' : null}
              <Link to={`../plans/${c.id}`} relative="path">
                {c.name}
              </Link>
            </span>
          ))}
        </nav>
      ) : null}
      {d.mayEdit ? (
        <p className="actions">
          <Link to="new" className="button-link primary">
            {t('activities.new')}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="activity-filters" role="search" aria-label={t('activities.search')}>
        <div>
          <label htmlFor="q">{t('activities.searchWords')}</label>
          <input id="q" name="q" type="search" defaultValue={d.filters.q} maxLength={100} />
        </div>
        <div>
          <label htmlFor="age">{t('activities.ageFilter')}</label>
          <input id="age" name="age" type="number" min={0} max={72} inputMode="numeric" defaultValue={d.filters.age} />
        </div>
        <div>
          <FilterSelect
            name="room"
            label={t('activities.roomFilter')}
            empty={t('audit.all')}
            defaultValue={d.filters.room}
            options={d.classrooms.map((c) => ({ value: c.id, label: c.name }))}
          />
        </div>
        <div>
          <label htmlFor="tag">{t('activities.tag')}</label>
          <select id="tag" name="tag" defaultValue={d.filters.tag}>
            <option value="">{t('audit.all')}</option>
            <optgroup label={t('activities.elementsLabel')}>
              {LEARNING_ELEMENTS.map((code) => (
                <option key={code} value={tagValue({ kind: 'element', code })}>
                  {tagLabel({ kind: 'element', code })}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('activities.profileLabel')}>
              {d.dimensions.map((dim) => (
                <option key={dim.id} value={tagValue({ kind: 'profile', code: dim.id })}>
                  {tagLabel({ kind: 'profile', code: dim.id })}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('activities.montessoriLabel')}>
              {MONTESSORI_AREAS.map((code) => (
                <option key={code} value={tagValue({ kind: 'montessori', code })}>
                  {tagLabel({ kind: 'montessori', code })}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div>
          <FilterSelect
            name="domain"
            label={t('activities.domain')}
            empty={t('audit.all')}
            defaultValue={d.filters.domain}
            options={DOMAINS.map((domain) => ({ value: domain, label: t(`domains.${domain}`) }))}
          />
        </div>
        <div className="wide">
          <label htmlFor="milestone">{t('activities.milestone')}</label>
          <select id="milestone" name="milestone" defaultValue={d.filters.milestone}>
            <option value="">{t('audit.all')}</option>
            {ages.map((age) => (
              <optgroup key={age} label={t('activities.months', { count: age })}>
                {d.items
                  .filter((i) => i.age_months === age)
                  .map((i) => (
                    <option key={i.id} value={i.id}>
                      {itemText(i, lng)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <FilterSelect
            name="scope"
            label={t('activities.scope')}
            defaultValue={d.filters.scope}
            options={ACTIVITY_SCOPES.map((s) => ({ value: s, label: t(`activities.scopes.${s}`) }))}
          />
        </div>
        <div className="filter-actions">
          <button type="submit" className="secondary">
            {t('audit.filter')}
          </button>
          {d.filtered ? <Link to=".">{t('activities.clearFilters')}</Link> : null}
        </div>
      </Form>
      <p className="hint" aria-live="polite">
        {t('activities.found', { count: d.activities.length })}
      </p>
      {d.activities.length === 0 ? (
        <p className="empty">{d.filtered ? t('activities.emptyFiltered') : t('activities.empty')}</p>
      ) : (
        <ul className="cards activity-list">
          {d.activities.map((a) => (
            <li key={a.id} className="card">
              <h2>
                <Link to={a.id}>{a.title}</Link>
                {a.own ? <span className="badge own">{t('activities.ownBadge')}</span> : null}
              </h2>
              <ActivityFacts activity={a} />
              <TagList tags={a.tags} label={tagLabel} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
