import { Link, useFetcher } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAge, formatNumber, formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { ErrorMessage } from './field';
import {
  AbsencePanel,
  ArrivalPanel,
  CheckOutPanel,
  type DoorAnswer,
  type DoorChild,
  type DoorPanel,
} from './door-panels';

/**
 * A child's card at the door: who they are and what to watch for, the taps the day allows (arrive,
 * mark absent, leave), and taking one's own tap back. All of a card's forms share one fetcher, so
 * its answer (an error, a refused pickup, an opened follow-up) shows on this card only.
 */
export function DoorCard({
  child,
  zone,
  isCoordinator,
  canUndo,
}: {
  child: DoorChild;
  zone: string;
  isCoordinator: boolean;
  canUndo: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const fetcher = useFetcher<DoorAnswer>();
  const [panel, setPanel] = useState<DoorPanel>('none');
  const toggle = (which: DoorPanel) => setPanel(panel === which ? 'none' : which);
  const busy = fetcher.state !== 'idle';
  const errors = fetcher.data?.errors ?? {};
  const time = (iso: string | null | undefined) => (iso ? formatTime(iso, lng, zone) : '');
  const r = child.record;
  const panelProps = { child, fetcher, panel, toggle };
  return (
    <li className={`door-card status-${child.status}${child.attention ? ' needs-attention' : ''}`} aria-busy={busy}>
      <div className="door-head">
        <span className="avatar" aria-hidden="true">
          {child.name.slice(0, 1)}
        </span>
        <div>
          <h2>{child.name}</h2>
          <p className="hint">
            {formatAge(t, child.ageMonths, 'short')} ·{' '}
            <span className="door-status">{t(`doorStatus.${child.status}`)}</span>
            {r?.checkInAt ? ` · ${t('today.in', { time: time(r.checkInAt) })}` : ''}
            {r?.checkOutAt ? ` · ${t('today.out', { time: time(r.checkOutAt), name: r.pickedUpBy })}` : ''}
            {r?.absenceReason ? ` · ${t(`absence.${r.absenceReason}`)}` : ''}
          </p>
        </div>
      </div>
      {child.alerts.custody ? <p className="alert-custody">⚠ {child.alerts.custody}</p> : null}
      {child.alerts.allergies || child.alerts.medical ? (
        <p className="alert-medical">
          {[child.alerts.allergies && `${t('apply.allergies')}: ${child.alerts.allergies}`, child.alerts.medical]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
      {child.late ? <p className="warning-text">{t('today.late')}</p> : null}
      {child.attention ? <p className="warning-text">{attentionReason(t, lng, child.attention)}</p> : null}
      {child.attention?.marks && r ? (
        <Link className="hint" to={`../incidents/new?source=arrival_check&sourceId=${r.id}`} relative="path">
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

      <ArrivalPanel {...panelProps} />
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
      {r && (child.status === 'present' || child.status === 'checked_out') ? (
        <Link className="hint" to={`../attendance/${r.id}`} relative="path">
          {t('today.correct')}
        </Link>
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
  const flagged = children.filter((c) => c.attention);
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
