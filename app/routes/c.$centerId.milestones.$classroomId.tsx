import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
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

// Quick entry: one milestone item, the whole classroom, one tap per child.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center, today } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const data = found(await classroomMilestones({ centerId: center.id, classroomId: params.classroomId! }));
  const itemId = new URL(request.url).searchParams.get('item');
  return { ...data, item: data.items.find((i) => i.id === itemId) ?? null, today };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const { user, session } = viewer;
  const data = found(await classroomMilestones({ centerId: center.id, classroomId: params.classroomId! }));
  const formData = await readForm(request);
  if (formData.get('intent') === 'add-item') {
    const parsed = parseForm(formData, CenterItemSchema);
    if (!parsed.ok) return parsed.response;
    const { intent: _intent, ...item } = parsed.data;
    await addCenterItem({ centerId: center.id, actorId: user.id, item });
    await setFlash(session, 'flash.saved');
    return redirect(`/c/${center.id}/milestones/${data.classroom.id}`);
  }
  const itemId = String(formData.get('itemId') ?? '');
  if (!data.items.some((i) => i.id === itemId)) notFound();
  const observedOn = observedOnSchema(today).safeParse(formData.get('observed_on'));
  if (!observedOn.success) return failure(formData, { observed_on: observedOn.error.issues[0].message });
  const entries = classroomEntries({ itemId, childIds: data.children.map((c) => c.id), formData });
  if (entries.length === 0) return failure(formData, { form: 'errors.nothingChosen' });
  await recordObservations({ centerId: center.id, actorId: user.id, observedOn: observedOn.data, entries });
  await setFlash(session, 'flash.saved');
  return redirect(`/c/${center.id}/milestones/${data.classroom.id}?item=${itemId}`);
}

export default function QuickEntry() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const text = (i: { text_id: string; text_en: string }) => itemText(i, i18n.language);
  const errors = actionData && 'errors' in actionData && actionData.intent !== 'add-item' ? actionData.errors : {};
  const addItem = useValidatedForm(CenterItemSchema, {
    intent: 'add-item',
    defaultValues: { domain: 'social_emotional' },
  });
  return (
    <section>
      <h1>{t('development.quickTitle', { room: d.classroom.name })}</h1>
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
          {t('audit.filter')}
        </button>
      </Form>
      {d.item ? (
        <Form method="post" className="card">
          <h2>{text(d.item)}</h2>
          <input type="hidden" name="itemId" value={d.item.id} />
          <ErrorMessage message={errors.form} />
          <div className="field">
            <label htmlFor="observed_on">{t('development.observedOn')}</label>
            <input id="observed_on" name="observed_on" type="date" max={d.today} defaultValue={d.today} />
            <ErrorMessage message={errors.observed_on} />
          </div>
          {d.children.map((c) => (
            <div key={c.id} className="milestone choice" role="radiogroup" aria-label={c.full_name}>
              <strong>{c.nickname ?? c.full_name}</strong>
              {(['yes', 'not_yet', 'not_sure'] as const).map((s) => (
                <label key={s}>
                  <input type="radio" name={`status:${c.id}`} value={s} /> {t(`observation.${s}`)}
                </label>
              ))}
            </div>
          ))}
          <button type="submit" className="primary">
            {t('development.saveObservations')}
          </button>
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
