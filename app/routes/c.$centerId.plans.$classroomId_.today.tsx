import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useFetcher, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from '~/i18n/translation';
import type { ObservationStatus } from '~db/schema';
import { ErrorMessage } from '~/components/field';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/language.server';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { itemText } from '~/modules/development/development';
import { failure } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { found, notFound } from '~/modules/http.server';
import { NoteSchema, WordsSchema } from '~/modules/plans/plans';
import {
  markDelivery,
  observeFromActivity,
  recordWords,
  todayDelivery,
  type DeliveryError,
} from '~/modules/plans/delivery.server';
import { mayRecord, RECORDING_ROLES } from '~/modules/users/staff';

// Today's column of a room's plan, for the teacher on her phone: mark each planned activity done
// or skipped (with a note), and from a done activity of the library record observations for the
// children who took part, one tap per child and item. Caregivers read.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params);
  const lang = await requestLanguage(request, viewer.user.language);
  const day = found(await todayDelivery({ center, classroomId: params.classroomId!, today, lang }));
  return { ...day, mayRecord: mayRecord(viewer.roles) };
}

const ERRORS: Record<Exclude<DeliveryError, 'notFound'>, string> = {
  notToday: 'errors.plans_notToday',
  noActivity: 'errors.plans_noActivity',
  notDone: 'errors.plans_notDone',
  noChildren: 'errors.plans_noChildren',
  noItems: 'errors.plans_noItems',
  childNotInRoom: 'errors.plans_childNotInRoom',
  unknownItem: 'errors.plans_unknownItem',
};
const ANSWERS: ObservationStatus[] = ['yes', 'not_yet'];

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const formData = await readForm(request);
  const intent = String(formData.get('intent') ?? '');
  const classroomId = params.classroomId!;
  const common = {
    centerId: center.id,
    classroomId,
    today,
    date: String(formData.get('date') ?? ''),
    blockId: String(formData.get('block') ?? ''),
    actorId: viewer.user.id,
  };
  const refused = (error: DeliveryError) => {
    if (error === 'notFound') notFound();
    return failure(formData, { form: ERRORS[error as Exclude<DeliveryError, 'notFound'>] });
  };
  switch (intent) {
    case 'done':
    case 'skipped': {
      const note = NoteSchema.safeParse(formData.get('note') ?? '');
      if (!note.success) return failure(formData, { note: note.error.issues[0].message });
      const result = await markDelivery({ ...common, status: intent, note: note.data });
      if (!result.ok) return refused(result.error);
      await setFlash(viewer.session, 'flash.saved');
      return redirect(`/c/${center.id}/plans/${classroomId}/today`);
    }
    case 'observe': {
      const childIds = formData.getAll('child').map(String);
      const itemIds = formData.getAll('item').map(String);
      const answers = childIds.flatMap((childId) =>
        itemIds.flatMap((itemId) => {
          const status = formData.get(`status:${childId}:${itemId}`);
          return ANSWERS.includes(status as ObservationStatus)
            ? [{ childId, itemId, status: status as ObservationStatus }]
            : [];
        }),
      );
      const result = await observeFromActivity({ ...common, childIds, itemIds, answers });
      if (!result.ok) return refused(result.error);
      return { saved: true as const };
    }
    case 'words': {
      const text = WordsSchema.safeParse(formData.get('text') ?? '');
      if (!text.success) return failure(formData, { text: text.error.issues[0].message });
      const childIds = formData.getAll('named').map(String);
      const result = await recordWords({ ...common, text: text.data, childIds });
      if (!result.ok) {
        if (result.error === 'childNotInRoom') return failure(formData, { named: 'errors.plans_wordsChildNotInRoom' });
        return refused(result.error);
      }
      await setFlash(viewer.session, 'flash.saved');
      return redirect(`/c/${center.id}/plans/${classroomId}/today`);
    }
    default:
      return failure(formData, { form: 'errors.invalid' });
  }
}

type Day = ReturnType<typeof useLoaderData<typeof loader>>;
type Cell = Day['cells'][number];

export default function PlanToday() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const failed = actionData && 'errors' in actionData ? actionData : null;
  return (
    <section className="plan-today">
      <h1>{t('plans.todayTitle', { room: d.classroom.name })}</h1>
      <p className="lead">{formatDate(d.today, lng)}</p>
      <p>
        <Link to={`../${d.classroom.id}`} relative="path">
          {t('plans.backToWeek')}
        </Link>
      </p>
      {d.cells.length === 0 ? <p className="empty">{t('plans.todayNone')}</p> : null}
      {d.cells.map((cell) => {
        const errors = failed?.values?.block === cell.blockId ? failed.errors : {};
        return (
          <article key={cell.blockId} className="card delivery" aria-labelledby={`cell-${cell.blockId}`}>
            <h2 id={`cell-${cell.blockId}`}>
              {cell.blockName}: {cell.title ?? cell.note}
            </h2>
            {cell.title && cell.note ? <p>{cell.note}</p> : null}
            {cell.childrenChoice ? <p className="badge choice-badge">{t('plans.childrenChoice')}</p> : null}
            <p role="status">
              {cell.status === 'done'
                ? t('plans.delivery.done')
                : cell.status === 'skipped'
                  ? t('plans.delivery.skipped')
                  : t('plans.delivery.open')}
              {cell.deliveryNote ? ` · ${cell.deliveryNote}` : ''}
            </p>
            {d.mayRecord ? (
              <Form method="post" className="delivery-form">
                <input type="hidden" name="date" value={d.today} />
                <input type="hidden" name="block" value={cell.blockId} />
                <ErrorMessage message={errors.form} />
                <label htmlFor={`note-${cell.blockId}`}>{t('plans.deliveryNote')}</label>
                <input
                  id={`note-${cell.blockId}`}
                  name="note"
                  maxLength={200}
                  defaultValue={String(
                    failed?.values?.block === cell.blockId ? (failed.values.note ?? '') : cell.deliveryNote,
                  )}
                />
                <ErrorMessage message={errors.note} />
                <div className="actions">
                  <button type="submit" name="intent" value="done" className="primary">
                    {t('plans.markDone')}
                  </button>
                  <button type="submit" name="intent" value="skipped" className="secondary">
                    {t('plans.markSkipped')}
                  </button>
                </div>
              </Form>
            ) : null}
            {d.mayRecord && cell.status === 'done' && cell.items.length > 0 ? <Observe cell={cell} day={d} /> : null}
            {cell.status === 'done' || cell.words.length ? (
              <Words
                cell={cell}
                day={d}
                failed={failed?.intent === 'words' && failed.values?.block === cell.blockId ? failed : null}
              />
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

/** Observations from a done activity: the children who took part (those present today ticked), its items ticked, then a tap per answer. */
function Observe({ cell, day }: { cell: Cell; day: Day }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const [children, setChildren] = useState(() => day.children.filter((c) => c.present).map((c) => c.id));
  const [items, setItems] = useState(() => cell.items.map((i) => i.id));
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  return (
    <details className="observe-from">
      <summary>{t('plans.observe')}</summary>
      <fieldset className="checkbox-group">
        <legend>{t('plans.observeChildren')}</legend>
        {day.children.map((c) => (
          <label key={c.id} className="checkbox-option">
            <input
              type="checkbox"
              checked={children.includes(c.id)}
              onChange={() => setChildren((l) => toggle(l, c.id))}
            />{' '}
            {c.name}
            {c.present ? '' : ` (${t('plans.notPresent')})`}
          </label>
        ))}
      </fieldset>
      <fieldset className="checkbox-group">
        <legend>{t('plans.observeItems')}</legend>
        {cell.items.map((i) => (
          <label key={i.id} className="checkbox-option">
            <input type="checkbox" checked={items.includes(i.id)} onChange={() => setItems((l) => toggle(l, i.id))} />{' '}
            {itemText(i, lng)}
          </label>
        ))}
      </fieldset>
      <p className="hint">
        {children.length && items.length ? t('development.savedAsTapped') : t('plans.observeChoose')}
      </p>
      {day.children
        .filter((c) => children.includes(c.id))
        .map((c) => (
          <fieldset key={c.id} className="observe-child">
            <legend>{c.name}</legend>
            {cell.items
              .filter((i) => items.includes(i.id))
              .map((i) => (
                <Answer
                  key={i.id}
                  blockId={cell.blockId}
                  date={day.today}
                  child={c}
                  item={{ id: i.id, text: itemText(i, lng) }}
                  answered={day.answers[`${c.id}:${i.id}`] ?? null}
                />
              ))}
          </fieldset>
        ))}
    </details>
  );
}

type Saved = { saved: true } | { errors: Record<string, string> };

/** One child's answer on one item, saved as it is tapped. */
function Answer({
  blockId,
  date,
  child,
  item,
  answered,
}: {
  blockId: string;
  date: string;
  child: { id: string; name: string };
  item: { id: string; text: string };
  answered: string | null;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<Saved>({ key: `activity-observe-${blockId}-${child.id}-${item.id}` });
  const label = `${child.name}: ${item.text}`;
  const save = (status: ObservationStatus) =>
    fetcher.submit(
      {
        intent: 'observe',
        date,
        block: blockId,
        child: child.id,
        item: item.id,
        [`status:${child.id}:${item.id}`]: status,
      },
      { method: 'post' },
    );
  const state =
    fetcher.state !== 'idle'
      ? t('development.saving')
      : fetcher.data && 'saved' in fetcher.data
        ? t('development.answerSaved')
        : '';
  return (
    <div className="observe-row">
      <p>{item.text}</p>
      <div className="answers" role="radiogroup" aria-label={label}>
        {ANSWERS.map((s) => (
          <label key={s} className="choice">
            <input
              type="radio"
              name={`status:${child.id}:${item.id}`}
              value={s}
              defaultChecked={answered === s}
              onChange={() => save(s)}
            />{' '}
            {t(`observation.${s}`)}
          </label>
        ))}
        <span className="hint" role="status">
          {state}
        </span>
      </div>
      <ErrorMessage message={fetcher.data && 'errors' in fetcher.data ? fetcher.data.errors.form : undefined} />
    </div>
  );
}

type Failed = { errors: Record<string, string>; values?: Record<string, string | string[]> };

/** The children's own ideas and words about a done activity: the entries so far, and a form for one more. */
function Words({ cell, day, failed }: { cell: Cell; day: Day; failed: Failed | null }) {
  const { t } = useTranslation();
  const errors = failed?.errors ?? {};
  const typed = failed?.values?.named;
  const named = typed === undefined ? [] : Array.isArray(typed) ? typed : [typed];
  const headingId = `words-${cell.blockId}`;
  return (
    <section className="child-words" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('plans.words.title')}</h3>
      {cell.words.length === 0 ? <p className="hint">{t('plans.words.none')}</p> : null}
      {cell.words.map((w) => (
        <figure key={w.id}>
          <blockquote>{w.text}</blockquote>
          {w.children.length ? <figcaption>{w.children.map((c) => c.name).join(', ')}</figcaption> : null}
        </figure>
      ))}
      {day.mayRecord && cell.status === 'done' ? (
        <Form method="post" className="words-form" key={`${cell.words.length}`}>
          <input type="hidden" name="date" value={day.today} />
          <input type="hidden" name="block" value={cell.blockId} />
          <ErrorMessage message={errors.form} />
          <label htmlFor={`words-text-${cell.blockId}`}>{t('plans.words.text')}</label>
          <textarea
            id={`words-text-${cell.blockId}`}
            name="text"
            rows={2}
            maxLength={300}
            defaultValue={String(failed?.values?.text ?? '')}
          />
          <ErrorMessage message={errors.text} />
          <details open={named.length > 0}>
            <summary>{t('plans.words.nameChildren')}</summary>
            <fieldset className="checkbox-group">
              <legend>{t('plans.words.named')}</legend>
              {day.children.map((c) => (
                <label key={c.id} className="checkbox-option">
                  <input type="checkbox" name="named" value={c.id} defaultChecked={named.includes(c.id)} /> {c.name}
                </label>
              ))}
            </fieldset>
          </details>
          <ErrorMessage message={errors.named} />
          <button type="submit" name="intent" value="words" className="secondary">
            {t('plans.words.save')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
