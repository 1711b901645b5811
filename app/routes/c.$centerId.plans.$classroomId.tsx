import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from '~/components/field';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/language.server';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { itemText } from '~/modules/development/development';
import { msg } from '~/modules/forms/fields';
import { failure } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { found, notFound } from '~/modules/http.server';
import {
  addWeeks,
  cellField,
  dateOf,
  NoteSchema,
  parseBlocks,
  ThemeSchema,
  weekProblem,
  weekStartOf,
} from '~/modules/plans/plans';
import {
  copyWeek,
  saveBlocks,
  saveWeek,
  setPublished,
  weekPlan,
  type CellInput,
  type PlanError,
} from '~/modules/plans/plans.server';
import { mayRecord, RECORDING_ROLES } from '~/modules/users/staff';
import { LEARNING_ELEMENTS } from '~/modules/activities/activities';
import { DOMAINS } from '~/modules/development/rules';
import { PlanTable } from '~/components/plan-table';
import { ScrollTable } from '~/components/scroll-table';

// A room's weekly plan: a theme and a grid of the center's open days × the room's time blocks,
// each cell an activity of the library (suited to the room's ages) or free text. Teachers and
// coordinators edit, copy a week, publish to the room's families; every staff member reads and
// prints it (one A4 page, landscape).

/** The week in the URL (any date: its Monday), else this week. */
function weekFrom(url: URL | FormData, today: string) {
  const raw = (url instanceof URL ? url.searchParams.get('week') : url.get('week'))?.toString() ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? weekStartOf(raw) : weekStartOf(today);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params);
  const lang = await requestLanguage(request, viewer.user.language);
  const weekStart = weekFrom(new URL(request.url), today);
  const week = found(await weekPlan({ center, classroomId: params.classroomId!, weekStart, lang }));
  const problem = weekProblem(weekStart, today);
  return {
    ...week,
    centerName: center.name,
    weekStart,
    thisWeek: weekStartOf(today),
    weekError: problem ? msg(problem) : null,
    mayEdit: mayRecord(viewer.roles),
  };
}

const PLAN_ERRORS: Record<PlanError, string> = {
  notFound: 'errors.notFound',
  unknownActivity: 'errors.plans_unknownActivity',
  unknownBlock: 'errors.plans_unknownBlock',
  duplicateBlock: 'errors.duplicateBlock',
  nothingToCopy: 'errors.plans_nothingToCopy',
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const lang = await requestLanguage(request, viewer.user.language);
  const formData = await readForm(request);
  const intent = String(formData.get('intent') ?? '');
  const classroomId = params.classroomId!;
  const weekStart = weekFrom(formData, today);
  const problem = weekProblem(weekStart, today);
  if (problem) return failure(formData, { form: msg(problem) });
  const back = `/c/${center.id}/plans/${classroomId}?week=${weekStart}`;
  const done = async (result: { ok: true } | { ok: false; error: PlanError }) => {
    if (!result.ok) {
      if (result.error === 'notFound') notFound();
      return failure(formData, { form: PLAN_ERRORS[result.error] });
    }
    await setFlash(viewer.session, 'flash.saved');
    return redirect(back);
  };
  switch (intent) {
    case 'save': {
      const week = found(await weekPlan({ center, classroomId, weekStart, lang }));
      const errors: Record<string, string> = {};
      const theme = ThemeSchema.safeParse(formData.get('theme') ?? '');
      if (!theme.success) errors.theme = theme.error.issues[0].message;
      const cells: CellInput[] = [];
      for (const day of week.days)
        for (const block of week.blocks) {
          const activity = String(formData.get(cellField('activity', day, block.key)) ?? '');
          const noteField = cellField('note', day, block.key);
          const note = NoteSchema.safeParse(formData.get(noteField) ?? '');
          if (!note.success) errors[noteField] = note.error.issues[0].message;
          else
            cells.push({
              day,
              blockKey: block.key,
              activityId: activity || null,
              note: note.data,
              childrenChoice: formData.get(cellField('choice', day, block.key)) === 'on',
            });
        }
      if (Object.keys(errors).length) return failure(formData, errors);
      // A cell of a block that is gone (someone arranged the blocks since this page was opened) is
      // not dropped in silence: the teacher is told, and checks the week again.
      const known = new Set(week.days.flatMap((day) => week.blocks.map((b) => cellField('activity', day, b.key))));
      const stale = [...formData.entries()].some(
        ([name, value]) =>
          /^(activity|note):/.test(name) &&
          !known.has(name.replace(/^note:/, 'activity:')) &&
          String(value).trim() !== '',
      );
      if (stale) return failure(formData, { form: 'errors.plans_blocksChanged' });
      return done(
        await saveWeek({ center, classroomId, weekStart, actorId: viewer.user.id, lang, theme: theme.data!, cells }),
      );
    }
    case 'publish':
    case 'unpublish':
      return done(
        await setPublished({
          centerId: center.id,
          classroomId,
          weekStart,
          actorId: viewer.user.id,
          published: intent === 'publish',
        }),
      );
    case 'copy': {
      const from = String(formData.get('from') ?? '');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return failure(formData, { from: msg('date') });
      return done(
        await copyWeek({
          centerId: center.id,
          classroomId,
          fromWeek: weekStartOf(from),
          toWeek: weekStart,
          actorId: viewer.user.id,
        }),
      );
    }
    case 'blocks': {
      const names = formData.getAll('name').map(String);
      const ids = formData.getAll('blockId').map(String);
      const positions = formData.getAll('position').map(String);
      const parsed = parseBlocks(
        names.map((name, i) => ({ name, blockId: ids[i] ?? '', position: positions[i] ?? '' })),
      );
      if (!parsed.ok) return failure(formData, parsed.errors);
      return done(
        await saveBlocks({ centerId: center.id, classroomId, actorId: viewer.user.id, lang, blocks: parsed.blocks }),
      );
    }
    default:
      return failure(formData, { form: 'errors.invalid' });
  }
}

type Values = Record<string, string | string[]>;
const valueOf = (values: Values | undefined, name: string, index?: number) => {
  const v = values?.[name];
  return Array.isArray(v) ? v[index ?? 0] : index ? undefined : v;
};

export default function WeeklyPlan() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const failed = actionData && 'errors' in actionData ? actionData : null;
  const errorsFor = (intent: string) => (failed?.intent === intent ? failed.errors : {});
  const valuesFor = (intent: string) => (failed?.intent === intent ? failed.values : undefined);
  const saveErrors = errorsFor('save');
  const saveValues = valuesFor('save');
  const blockErrors = errorsFor('blocks');
  const blockValues = valuesFor('blocks');
  const cell = (day: string, blockId: string | null) =>
    blockId ? d.cells.find((c) => c.weekday === day && c.block_id === blockId) : undefined;
  const dayLabel = (day: (typeof d.days)[number]) =>
    `${t(`weekdays.${day}`)} ${formatDate(dateOf(d.weekStart, day), lng)}`;
  const weekLink = (weekStart: string) => `?week=${weekStart}`;
  const otherError = failed && !['save', 'blocks'].includes(String(failed.intent)) ? failed.errors : {};
  const notYetCount = d.coverage.unsupported.length;
  return (
    <section className="plan-page">
      <style>{'@media print { @page { size: A4 landscape; margin: 10mm; } }'}</style>
      <p className="eyebrow">{d.centerName}</p>
      <h1>{t('plans.title', { room: d.classroom.name })}</h1>
      <p className="lead">
        {t('plans.weekOf', { date: formatDate(d.weekStart, lng) })} ·{' '}
        {d.plan?.publishedAt ? t('plans.published') : d.plan ? t('plans.draft') : t('plans.none')}
      </p>
      <nav className="actions no-print" aria-label={t('plans.weeks')}>
        <Link to={weekLink(addWeeks(d.weekStart, -1))} className="secondary button-link">
          {t('plans.previousWeek')}
        </Link>
        {d.weekStart !== d.thisWeek ? (
          <Link to={weekLink(d.thisWeek)} className="secondary button-link">
            {t('plans.thisWeek')}
          </Link>
        ) : null}
        <Link to={weekLink(addWeeks(d.weekStart, 1))} className="secondary button-link">
          {t('plans.nextWeek')}
        </Link>
        <Link to={`../${d.classroom.id}/today`} relative="path" className="secondary button-link">
          {t('plans.today')}
        </Link>
        {d.mayEdit ? (
          <Link
            to={`../${d.classroom.id}/coverage${d.weekStart === d.thisWeek ? '' : `?month=${d.weekStart.slice(0, 7)}`}`}
            relative="path"
            className="secondary button-link"
          >
            {t('coverage.link')}
          </Link>
        ) : null}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('plans.print')}
        </button>
        <Link to="../../activities" relative="path" className="secondary button-link">
          {t('activities.title')}
        </Link>
      </nav>
      <ErrorMessage message={d.weekError ?? otherError.form} />
      <ErrorMessage message={otherError.from} />

      {d.mayEdit && !d.weekError ? (
        <div className="actions no-print">
          {d.plan ? (
            <Form method="post">
              <input type="hidden" name="week" value={d.weekStart} />
              <button
                type="submit"
                name="intent"
                value={d.plan.publishedAt ? 'unpublish' : 'publish'}
                className={d.plan.publishedAt ? 'secondary' : 'primary'}
              >
                {d.plan.publishedAt ? t('plans.unpublish') : t('plans.publish')}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="inline-form">
            <input type="hidden" name="week" value={d.weekStart} />
            <label htmlFor="copy-from">{t('plans.copyFrom')}</label>
            <input
              id="copy-from"
              name="from"
              type="date"
              defaultValue={String(valueOf(valuesFor('copy'), 'from') ?? addWeeks(d.weekStart, -1))}
            />
            <button type="submit" name="intent" value="copy" className="secondary">
              {t('plans.copy')}
            </button>
          </Form>
        </div>
      ) : null}

      {/* What the week shows on screen to those who read it, and on paper to everyone. */}
      <ScrollTable
        label={t('plans.title', { room: d.classroom.name })}
        className={d.mayEdit && !d.weekError ? 'plan-print print-only' : 'plan-print'}
      >
        {d.plan?.theme ? <p className="no-print">{t('plans.themeValue', { theme: d.plan.theme })}</p> : null}
        <PlanTable
          days={d.days}
          blocks={d.blocks}
          cellOf={(day, blockId) => {
            const c = cell(day, blockId);
            return c && { title: c.title, note: c.note, childrenChoice: c.children_choice === 1 };
          }}
          dayLabel={dayLabel}
          caption={
            <caption className="print-only">
              {t('plans.title', { room: d.classroom.name })} ·{' '}
              {t('plans.weekOf', { date: formatDate(d.weekStart, lng) })}
              {d.plan?.theme ? ` · ${t('plans.themeValue', { theme: d.plan.theme })}` : null}
            </caption>
          }
        />
      </ScrollTable>

      {d.mayEdit && !d.weekError ? (
        <Form method="post" className="plan-form no-print" key={`${d.weekStart}:${d.plan?.updatedAt ?? ''}`}>
          <input type="hidden" name="week" value={d.weekStart} />
          <ErrorMessage message={saveErrors.form} />
          <div className="field">
            <label htmlFor="plan-theme">{t('plans.theme')}</label>
            <input
              id="plan-theme"
              name="theme"
              maxLength={120}
              defaultValue={String(valueOf(saveValues, 'theme') ?? d.plan?.theme ?? '')}
            />
            <ErrorMessage message={saveErrors.theme} />
          </div>
          <p className="hint">{t('plans.gridHint')}</p>
          <ScrollTable label={t('plans.title', { room: d.classroom.name })}>
            <table className="plan-grid plan-edit">
              <thead>
                <tr>
                  <th scope="col">{t('plans.block')}</th>
                  {d.days.map((day) => (
                    <th scope="col" key={day}>
                      {dayLabel(day)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.blocks.map((block) => (
                  <tr key={block.key}>
                    <th scope="row">{block.name}</th>
                    {d.days.map((day) => {
                      const c = cell(day, block.id);
                      const activityName = cellField('activity', day, block.key);
                      const noteName = cellField('note', day, block.key);
                      const choiceName = cellField('choice', day, block.key);
                      const where = `${t(`weekdays.${day}`)} · ${block.name}`;
                      return (
                        <td key={day}>
                          <select
                            name={activityName}
                            aria-label={t('plans.activityIn', { where })}
                            defaultValue={String(valueOf(saveValues, activityName) ?? c?.activity_id ?? '')}
                          >
                            <option value="">{t('plans.noActivity')}</option>
                            {d.activities.map((a) => (
                              <option key={a.id} value={a.id}>
                                {a.title}
                              </option>
                            ))}
                          </select>
                          <input
                            name={noteName}
                            aria-label={t('plans.noteIn', { where })}
                            placeholder={t('plans.notePlaceholder')}
                            maxLength={200}
                            defaultValue={String(valueOf(saveValues, noteName) ?? c?.note ?? '')}
                          />
                          <ErrorMessage message={saveErrors[noteName]} />
                          <label className="checkbox-option choice-option">
                            <input
                              type="checkbox"
                              name={choiceName}
                              aria-label={t('plans.childrenChoiceIn', { where })}
                              defaultChecked={
                                saveValues ? valueOf(saveValues, choiceName) === 'on' : c?.children_choice === 1
                              }
                            />{' '}
                            {t('plans.childrenChoice')}
                          </label>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <button type="submit" name="intent" value="save" className="primary">
            {t('plans.save')}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="plan-coverage" className="no-print">
        <h2 id="plan-coverage">{t('plans.coverage')}</h2>
        <div className="plan-coverage">
          <div>
            <h3 id="plan-elements">{t('activities.elementsLabel')}</h3>
            <ul className="plain" aria-labelledby="plan-elements">
              {LEARNING_ELEMENTS.map((e) => (
                <li key={e} className={d.coverage.elements[e] ? 'covered' : 'uncovered'}>
                  {t(`activities.elements.${e}`)}: {t('plans.activityCount', { count: d.coverage.elements[e] ?? 0 })}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 id="plan-domains">{t('plans.domains')}</h3>
            <ul className="plain" aria-labelledby="plan-domains">
              {DOMAINS.map((dm) => (
                <li key={dm} className={d.coverage.domains[dm] ? 'covered' : 'uncovered'}>
                  {t(`domains.${dm}`)}: {t('plans.activityCount', { count: d.coverage.domains[dm] ?? 0 })}
                </li>
              ))}
            </ul>
          </div>
        </div>
        <h3>{t('plans.notYetTitle', { count: notYetCount })}</h3>
        {notYetCount === 0 ? (
          <p className="empty">{t('plans.notYetNone')}</p>
        ) : (
          <ul className="plain not-yet-list">
            {d.coverage.unsupported.map((u) => (
              <li key={u.child.id}>
                <strong>{u.child.nickname ?? u.child.full_name}</strong>:{' '}
                {u.items.map((i) => `${itemText(i, lng)} (${t(`domains.${i.domain}`)})`).join('; ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      {d.mayEdit ? (
        <details className="no-print" open={Boolean(failed?.intent === 'blocks')}>
          <summary>{t('plans.blocksTitle')}</summary>
          <Form method="post" className="plan-blocks">
            <input type="hidden" name="week" value={d.weekStart} />
            <p className="hint">{t('plans.blocksHint')}</p>
            <ErrorMessage message={blockErrors.form} />
            {[...d.blocks, { key: 'new-0', id: null, name: '' }, { key: 'new-1', id: null, name: '' }].map((b, i) => (
              <div className="field block-row" key={b.key}>
                <input type="hidden" name="blockId" value={b.id ?? (b.key.startsWith('default-') ? b.key : '')} />
                <label htmlFor={`block-position-${i}`} className="visually-hidden">
                  {t('plans.blockPosition', { n: i + 1 })}
                </label>
                <input
                  id={`block-position-${i}`}
                  name="position"
                  type="number"
                  min={1}
                  max={99}
                  className="narrow"
                  defaultValue={String(valueOf(blockValues, 'position', i) ?? i + 1)}
                />
                <label htmlFor={`block-name-${i}`} className="visually-hidden">
                  {t('plans.blockName', { n: i + 1 })}
                </label>
                <input
                  id={`block-name-${i}`}
                  name="name"
                  maxLength={60}
                  placeholder={b.id || b.key.startsWith('default-') ? undefined : t('plans.newBlock')}
                  defaultValue={String(valueOf(blockValues, 'name', i) ?? b.name)}
                />
                <ErrorMessage message={blockErrors[`name.${i}`]} />
              </div>
            ))}
            <button type="submit" name="intent" value="blocks" className="secondary">
              {t('plans.saveBlocks')}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
