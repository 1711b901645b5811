import type { FetcherWithComponents } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { useState } from 'react';
import { ABSENCE_REASONS, MOODS, temperatureTenths, type DoorDone, type DoorStatus } from '~/modules/attendance/door';
import type { FormFailure } from '~/modules/forms/fields';
import { ErrorMessage } from './field';

/** One child as the door screen lists them: today's status, the day's record, and who may collect them. */
export type DoorChild = {
  id: string;
  name: string;
  ageMonths: number;
  alerts: { allergies: string | null; medical: string | null; custody: string | null; custodyRestricts: boolean };
  status: DoorStatus;
  record: {
    id: string;
    checkInAt: string | null;
    checkOutAt: string | null;
    pickedUpBy: string | null;
    absenceReason: string | null;
  } | null;
  late: boolean;
  /** A fever or marks the arrival check found, while the child is here. */
  attention: { feverTenths: number | null; marks: string | null } | null;
  collectors: { key: string; name: string; relationship: string; photoId: string | null }[];
  /** This device's record for the child waits to be sent (the status shown is what it says). */
  waiting?: { at: string } | null;
};

/** What the door's action answers a card's fetcher: a tap that landed, or the form's errors. */
export type DoorAnswer = Partial<FormFailure> & Partial<DoorDone>;
type DoorFetcher = FetcherWithComponents<DoorAnswer>;
/** The one panel a card has open at a time. */
export type DoorPanel = 'none' | 'more' | 'health' | 'out' | 'absent';

type PanelProps = { child: DoorChild; fetcher: DoorFetcher; panel: DoorPanel; toggle: (panel: DoorPanel) => void };

const ChildId = ({ child }: { child: DoorChild }) => <input type="hidden" name="childId" value={child.id} />;

/** Not here yet today: the card offers check-in (absent children may still come). */
export const notArrived = (child: DoorChild) =>
  child.status === 'expected' || child.status === 'unscheduled' || child.status === 'absent';
/** Came today (here now, or already collected). */
export const cameToday = (child: DoorChild) => child.status === 'present' || child.status === 'checked_out';

/**
 * The health check before check-in: temperature, mood, marks, who brought the child. A temperature
 * at or over the center's threshold turns the card red as it is typed and asks for an explicit
 * confirmation before this form's check-in button is used (the server asks again if it is missed).
 * While this panel is open it has the card's only check-in button.
 */
export function HealthPanel({
  child,
  fetcher,
  feverThreshold,
  onFever,
}: PanelProps & { feverThreshold: number; onFever: (tenths: number | null) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const busy = fetcher.state !== 'idle';
  const errors = fetcher.data?.errors ?? {};
  const sent = fetcher.data?.values?.temperature;
  const [typed, setTyped] = useState(typeof sent === 'string' ? sent : '');
  const tenths = temperatureTenths(typed);
  const fever = tenths >= feverThreshold ? tenths : null;
  const celsius = (value: number) => formatNumber(value / 10, lng);
  return (
    <fetcher.Form method="post" className="door-panel">
      <ChildId child={child} />
      <input type="hidden" name="intent" value="check-in" />
      <label>
        {t('today.temperature')}
        {/* The panel replaces the one whose button opened it: focus moves into it, not to the page. */}
        <input
          name="temperature"
          autoFocus
          inputMode="decimal"
          placeholder="36,8"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            const next = temperatureTenths(e.target.value);
            onFever(next >= feverThreshold ? next : null);
          }}
          aria-invalid={errors.temperature ? true : undefined}
          aria-describedby={fever !== null ? `fever-${child.id}` : undefined}
        />
      </label>
      <ErrorMessage message={errors.temperature} />
      {fever !== null || errors.fever_confirmed ? (
        <>
          <p className="error" role="alert" id={`fever-${child.id}`}>
            {t('today.feverWarning', {
              temperature: fever !== null ? celsius(fever) : '—',
              threshold: celsius(feverThreshold),
            })}
          </p>
          <label className="checkbox-option fever">
            <input type="checkbox" name="fever_confirmed" required />{' '}
            {t('today.feverConfirm', { temperature: fever !== null ? celsius(fever) : '—' })}
          </label>
        </>
      ) : null}
      <label>
        {t('today.mood')}
        <select name="mood" defaultValue="">
          <option value="">—</option>
          {MOODS.map((m) => (
            <option key={m} value={m}>
              {t(`mood.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('today.marks')}
        <input name="marks_note" />
      </label>
      <label>
        {t('today.broughtBy')}
        <input name="brought_by" />
      </label>
      <button type="submit" className={fever !== null ? 'primary danger-fill' : 'primary'} disabled={busy}>
        {t(fever !== null ? 'today.checkInWithFever' : 'today.checkIn')}
      </button>
    </fetcher.Form>
  );
}

/** A child expected today who will not come: the reason and a note. */
export function AbsencePanel({ child, fetcher, panel }: PanelProps) {
  const { t } = useTranslation();
  if (panel !== 'absent' || child.status !== 'expected') return null;
  return (
    <fetcher.Form method="post" className="door-panel">
      <ChildId child={child} />
      <input type="hidden" name="intent" value="absent" />
      <label>
        {t('today.absenceReason')}
        <select name="reason" defaultValue="unexplained" autoFocus>
          {ABSENCE_REASONS.map((a) => (
            <option key={a} value={a}>
              {t(`absence.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('applicationDetail.note')}
        <input name="note" />
      </label>
      <button type="submit" className="secondary" disabled={fetcher.state !== 'idle'}>
        {t('today.saveAbsent')}
      </button>
    </fetcher.Form>
  );
}

/**
 * A child here now leaves only with one of their collectors (shown with photo). Anyone else is
 * refused and the attempt recorded; a coordinator may allow someone once, with a reason.
 */
export function CheckOutPanel({ child, fetcher, panel, isCoordinator }: PanelProps & { isCoordinator: boolean }) {
  const { t } = useTranslation();
  if (child.status !== 'present') return null;
  const busy = fetcher.state !== 'idle';
  const errors = fetcher.data?.errors ?? {};
  if (panel !== 'out' && !errors.collector) return null;
  // With one person allowed to collect, they are chosen already: the caregiver compares and hands over.
  const only = child.collectors.length === 1 ? child.collectors[0].key : undefined;
  return (
    <div className="door-panel">
      <fetcher.Form method="post">
        <ChildId child={child} />
        <input type="hidden" name="intent" value="check-out" />
        <fieldset className="collectors">
          <legend>{t('today.whoCollects')}</legend>
          {child.collectors.length === 0 ? <p className="empty">{t('childRecord.noPickups')}</p> : null}
          {child.collectors.map((c) => (
            <label key={c.key} className="collector">
              <input type="radio" name="collector" value={c.key} required defaultChecked={c.key === only} />
              {c.photoId ? (
                <img src={`children/${child.id}/documents/${c.photoId}`} alt="" width={112} height={112} />
              ) : (
                <span className="no-photo" aria-hidden="true" />
              )}
              <span>
                <strong>{c.name}</strong> · {t(`relationships.${c.relationship}`, { defaultValue: c.relationship })}
              </span>
            </label>
          ))}
        </fieldset>
        <ErrorMessage message={errors.collector} />
        {child.alerts.custody ? (
          <p className={child.alerts.custodyRestricts ? 'alert-custody' : 'hint'}>
            ⚠ {t(child.alerts.custodyRestricts ? 'today.custodyRestricts' : 'today.custodyNote')} {child.alerts.custody}
          </p>
        ) : null}
        <button type="submit" className="primary big" disabled={busy || child.collectors.length === 0}>
          {t('today.confirmCheckOut')}
        </button>
      </fetcher.Form>
      <details className="someone-else" open={Boolean(errors.person_name || errors.reason)}>
        <summary>{t('today.someoneElseAsks')}</summary>
        <fetcher.Form method="post">
          <ChildId child={child} />
          <input type="hidden" name="intent" value="refuse-pickup" />
          <label>
            {t('today.someoneElse')}
            <input name="person_name" />
          </label>
          <ErrorMessage message={errors.person_name} />
          <button type="submit" className="secondary danger" disabled={busy}>
            {t('today.refuse')}
          </button>
        </fetcher.Form>
        {isCoordinator ? (
          <fetcher.Form method="post">
            <ChildId child={child} />
            <input type="hidden" name="intent" value="allow-once" />
            <p className="hint">{t('today.allowOnceHint')}</p>
            <label>
              {t('today.oneTimeName')}
              <input name="person_name" />
            </label>
            <label>
              {t('today.oneTimeReason')}
              <input name="reason" />
            </label>
            <ErrorMessage message={errors.reason} />
            <button type="submit" className="secondary" disabled={busy}>
              {t('today.allowOnce')}
            </button>
          </fetcher.Form>
        ) : null}
      </details>
    </div>
  );
}
