import { Link, useFetcher } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from '~/i18n/translation';
import { formatAge, formatNumber, formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { ErrorMessage } from './field';
import {
  AbsencePanel,
  CheckOutPanel,
  HealthPanel,
  cameToday,
  notArrived,
  type DoorAnswer,
  type DoorChild,
  type DoorPanel,
} from './door-panels';

/**
 * A child's card at the door, one row high until a panel opens: who they are, their status, and the
 * one tap the moment asks for (arrive, or leave) at the right-hand edge, where the thumb is. Less
 * frequent taps (health check, absent, correction) open from the child's name. All of a card's forms share one
 * fetcher, so its answer (an error, a refused pickup, an opened follow-up) shows on this card only.
 */
export function DoorCard({
  child,
  zone,
  feverThreshold,
  isCoordinator,
  canUndo,
}: {
  child: DoorChild;
  zone: string;
  feverThreshold: number;
  isCoordinator: boolean;
  canUndo: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const fetcher = useFetcher<DoorAnswer>();
  const [panel, setPanel] = useState<DoorPanel>('none');
  // A temperature over the threshold typed in the health check, before it is sent.
  const [feverTyped, setFeverTyped] = useState<number | null>(null);
  const toggle = (which: DoorPanel) => setPanel(panel === which ? 'none' : which);
  const busy = fetcher.state !== 'idle';
  const errors = fetcher.data?.errors ?? {};
  const time = (iso: string | null | undefined) => (iso ? formatTime(iso, lng, zone) : '');
  // Until a waiting record is sent, the server's record (its id, times, undo) is not this status's.
  const r = child.waiting ? null : child.record;
  // The health check stays open while the server asks about a fever or a temperature it refused.
  const healthOpen = notArrived(child) && (panel === 'health' || Boolean(errors.temperature || errors.fever_confirmed));
  const panelProps = { child, fetcher, panel, toggle };
  const flagged = Boolean(child.attention) || (healthOpen && feverTyped !== null);
  return (
    <li className={`door-card status-${child.status}${flagged ? ' needs-attention' : ''}`} aria-busy={busy}>
      <div className="door-head">
        <span className="avatar" aria-hidden="true">
          {child.name.slice(0, 1)}
        </span>
        <div className="door-who">
          {/* The name opens the card's less frequent taps: the whole row stays free for the main one. */}
          <h2>
            <button type="button" className="door-name" aria-expanded={panel === 'more'} onClick={() => toggle('more')}>
              {child.name}
            </button>
          </h2>
          <p className="hint">
            {formatAge(t, child.ageMonths, 'short')} ·{' '}
            <span className="door-status">{t(`doorStatus.${child.status}`)}</span>
            {r?.checkInAt ? ` · ${t('today.in', { time: time(r.checkInAt) })}` : ''}
            {r?.checkOutAt ? ` · ${t('today.out', { time: time(r.checkOutAt), name: r.pickedUpBy })}` : ''}
            {r?.absenceReason ? ` · ${t(`absence.${r.absenceReason}`)}` : ''}
          </p>
          {child.waiting ? <p className="door-waiting">{t('door.waiting', { time: time(child.waiting.at) })}</p> : null}
        </div>
        {notArrived(child) && !healthOpen ? (
          <fetcher.Form method="post">
            <input type="hidden" name="childId" value={child.id} />
            <button type="submit" name="intent" value="check-in" className="primary door-main" disabled={busy}>
              {t('today.checkIn')}
            </button>
          </fetcher.Form>
        ) : null}
        {child.status === 'present' ? (
          <button
            type="button"
            className="primary door-main"
            aria-expanded={panel === 'out'}
            onClick={() => toggle('out')}
          >
            {t('today.checkOut')}
          </button>
        ) : null}
      </div>
      {child.alerts.custody && child.status === 'present' && panel !== 'out' ? (
        <p className="alert-custody">⚠ {t('today.custodyChip')}</p>
      ) : null}
      {child.status === 'present' && (child.alerts.allergies || child.alerts.medical) ? (
        <p className="alert-medical">
          {[child.alerts.allergies && `${t('apply.allergies')}: ${child.alerts.allergies}`, child.alerts.medical]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
      {child.late ? <p className="warning-text">{t('today.late')}</p> : null}
      {child.attention ? <p className="warning-text">{attentionReason(t, lng, child.attention)}</p> : null}
      {child.attention?.marks && r ? (
        <Link
          className="button-link secondary door-link"
          to={`../incidents/new?source=arrival_check&sourceId=${r.id}`}
          relative="path"
        >
          {t('incidents.record')}
        </Link>
      ) : null}
      <ErrorMessage message={errors.form} />
      {fetcher.data?.refusedPickup ? (
        <p className="notice" role="alert">
          {t('today.pickupRefused', { name: fetcher.data.refusedPickup })}
          {fetcher.data.refusedPickupId ? (
            <>
              {' '}
              <Link
                to={`../incidents/new?source=refused_pickup&sourceId=${fetcher.data.refusedPickupId}`}
                relative="path"
              >
                {t('incidents.record')}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {fetcher.data?.followUp ? (
        <p className="notice" role="status">
          {t('today.followUpOpened')}
        </p>
      ) : null}

      {panel === 'more' ? (
        <div className="door-actions door-panel">
          {notArrived(child) ? (
            <button type="button" className="secondary" onClick={() => setPanel('health')}>
              {t('today.withHealthCheck')}
            </button>
          ) : null}
          {child.status === 'expected' ? (
            <button type="button" className="secondary" onClick={() => setPanel('absent')}>
              {t('today.markAbsent')}
            </button>
          ) : null}
          {r && cameToday(child) ? (
            <Link className="button-link secondary" to={`../attendance/${r.id}`} relative="path">
              {t('today.correct')}
            </Link>
          ) : null}
          {/* Marks seen at arrival: a welfare concern starts from them, filled in (docs/decisions/0014). */}
          {r && child.attention?.marks ? (
            <Link className="button-link secondary" to={`../concerns/new?attendance=${r.id}`} relative="path">
              {t('concerns.raiseFromMarks')}
            </Link>
          ) : null}
        </div>
      ) : null}
      {healthOpen ? <HealthPanel {...panelProps} feverThreshold={feverThreshold} onFever={setFeverTyped} /> : null}
      <AbsencePanel {...panelProps} />
      <CheckOutPanel {...panelProps} isCoordinator={isCoordinator} />
      {r && canUndo ? (
        <fetcher.Form method="post">
          <input type="hidden" name="attendanceId" value={r.id} />
          <button type="submit" name="intent" value="undo" className="secondary" disabled={busy}>
            {t(child.status === 'checked_out' ? 'today.undoCheckOut' : 'today.undoCheckIn')}
          </button>
        </fetcher.Form>
      ) : null}
    </li>
  );
}

/** Why a child's card stands out: a fever or marks seen at arrival. */
function attentionReason(
  t: (key: string, options?: Record<string, unknown>) => string,
  lng: Lang,
  attention: NonNullable<DoorChild['attention']>,
) {
  return [
    attention.feverTenths !== null
      ? t('centerToday.fever', { temperature: formatNumber(attention.feverTenths / 10, lng) })
      : null,
    attention.marks ? t('centerToday.marks', { marks: attention.marks }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The children here whose arrival check found a fever or marks, listed at the top of the door. */
export function NeedsAttention({ children }: { children: DoorChild[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const flagged = children.filter((c) => c.attention && c.status === 'present');
  if (flagged.length === 0) return null;
  return (
    <div className="notice needs-attention-list" role="status">
      <strong>{t('today.needsAttention')}</strong>
      <ul className="plain">
        {flagged.map((c) => (
          <li key={c.id}>
            {c.name} · {attentionReason(t, lng, c.attention!)}
          </li>
        ))}
      </ul>
    </div>
  );
}
