import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { useTranslation } from '~/i18n/translation';
import { FilterSelect } from '~/components/filter-select';
import { ErrorMessage, Field, SelectField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { centerContext } from '~/modules/centers/context.server';
import { RECORDING_ROLES } from '~/modules/users/staff';
import { setFlash } from '~/modules/auth/session.server';
import { CenterItemSchema, itemText, observedOnSchema } from '~/modules/development/development';
import {
  addCenterItem,
  classroomEntries,
  classroomMilestones,
  recordObservations,
} from '~/modules/development/development.server';
import { DOMAINS } from '~/modules/development/rules';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { found, notFound } from '~/modules/http.server';
import { readForm } from '~/modules/forms/read.server';

// The classroom's development: each child's open items for their band, and quick entry (one item of the
// room's age range, the whole classroom, one tap per child, "all yes" with exceptions).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const itemId = new URL(request.url).searchParams.get('item');
  return found(await classroomMilestones({ center, classroomId: params.classroomId!, itemId }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const { user, session } = viewer;
  const formData = await readForm(request);
  const itemId = String(formData.get('itemId') ?? '');
  const data = found(await classroomMilestones({ center, classroomId: params.classroomId!, itemId }));
  if (formData.get('intent') === 'add-item') {
    const parsed = parseForm(formData, CenterItemSchema);
    if (!parsed.ok) return parsed.response;
    const { intent: _intent, ...item } = parsed.data;
    await addCenterItem({ centerId: center.id, actorId: user.id, item });
    await setFlash(session, 'flash.saved');
    return redirect(`/c/${center.id}/milestones/${data.classroom.id}`);
  }
  if (!data.item) notFound();
  const observedOn = observedOnSchema(today).safeParse(formData.get('observed_on'));
  if (!observedOn.success) return failure(formData, { observed_on: observedOn.error.issues[0].message });
  const entries = classroomEntries({ itemId, childIds: data.children.map((c) => c.id), formData }) ?? notFound();
  if (entries.length === 0) return failure(formData, { form: 'errors.nothingChosen' });
  await recordObservations({ centerId: center.id, actorId: user.id, observedOn: observedOn.data, entries });
  await setFlash(session, 'flash.saved');
  // Stay on the item: the teacher sees what was recorded and may correct one child.
  return redirect(`/c/${center.id}/milestones/${data.classroom.id}?item=${itemId}`);
}

export default function QuickEntry() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const text = (i: { text_id: string; text_en: string }) => itemText(i, lng);
  const errors = actionData && 'errors' in actionData && actionData.intent !== 'add-item' ? actionData.errors : {};
  const addItem = useValidatedForm(CenterItemSchema, {
    intent: 'add-item',
    defaultValues: { domain: 'social_emotional' },
  });
  return (
    <section>
      <h1>{t('development.quickTitle', { room: d.classroom.name })}</h1>
      <h2>{t('development.openTitle')}</h2>
      {d.children.length === 0 ? <p className="empty">{t('classroom.empty')}</p> : null}
      <ul className="plain open-items">
        {d.children.map((c) => (
          <li key={c.id}>
            <Link to={`../../children/${c.id}/development`} relative="path">
              {c.nickname ?? c.full_name}
            </Link>{' '}
            <span className="hint">
              {c.band
                ? `${t('development.bandShort', { band: c.band })} · ${t('development.openItems', { count: c.open })}`
                : t('development.tooYoung')}
            </span>
          </li>
        ))}
      </ul>
      <Form method="get" className="filters">
        <FilterSelect
          name="item"
          label={t('development.item')}
          empty={t('apply.choose')}
          defaultValue={d.item?.id ?? ''}
          options={d.items.map((i) => ({
            value: i.id,
            label: `${t('development.bandShort', { band: i.age_months })} · ${t(`domains.${i.domain}`)} · ${text(i)}`,
          }))}
        />
        <button type="submit" className="secondary">
          {t('development.showItem')}
        </button>
      </Form>
      {d.item ? (
        <Form method="post" className="card quick-entry" key={d.item.id}>
          <h2 id="quick-item">{text(d.item)}</h2>
          <p className="hint">{t('development.allYesHint')}</p>
          <input type="hidden" name="itemId" value={d.item.id} />
          <ErrorMessage message={errors.form} />
          <div className="field">
            <label htmlFor="observed_on">{t('development.observedOn')}</label>
            <input id="observed_on" name="observed_on" type="date" max={d.today} defaultValue={d.today} />
            <ErrorMessage message={errors.observed_on} />
          </div>
          {d.children.map((c) => (
            <div key={c.id} className="milestone answers" role="radiogroup" aria-label={c.nickname ?? c.full_name}>
              <strong>{c.nickname ?? c.full_name}</strong>
              <span className={c.last ? `status status-${c.last.status}` : 'hint'}>
                {c.last
                  ? t('development.lastAnswer', {
                      answer: t(`observation.${c.last.status}`),
                      date: formatDate(c.last.observed_on, lng),
                    })
                  : t('development.neverAnswered')}
              </span>
              {(['yes', 'not_yet', 'not_sure'] as const).map((s) => (
                <label key={s} className="choice">
                  <input type="radio" name={`status:${c.id}`} value={s} /> {t(`observation.${s}`)}
                </label>
              ))}
            </div>
          ))}
          <p className="actions">
            <button type="submit" name="all" value="yes" className="primary">
              {t('development.allYes')}
            </button>
            <button type="submit" className="secondary">
              {t('development.saveChosen')}
            </button>
          </p>
        </Form>
      ) : (
        <p className="empty">{t('development.chooseItem')}</p>
      )}
      <Form method="post" onSubmit={addItem.onSubmit} noValidate className="card form-grid">
        <h2>{t('development.addItem')}</h2>
        <p className="hint">{t('development.addItemHint')}</p>
        <input type="hidden" name="intent" value="add-item" />
        <Field
          label={t('development.itemAge')}
          type="number"
          min={1}
          max={72}
          inputMode="numeric"
          {...addItem.field('age_months')}
        />
        <SelectField
          label={t('development.itemDomain')}
          options={DOMAINS.map((dm) => ({ value: dm, label: t(`domains.${dm}`) }))}
          {...addItem.field('domain')}
        />
        <Field label={t('development.itemTextId')} lang="id" {...addItem.field('text_id')} />
        <Field label={t('development.itemTextEn')} lang="en" {...addItem.field('text_en')} />
        <button type="submit" className="secondary">
          {t('childRecord.add')}
        </button>
      </Form>
    </section>
  );
}
