import type { FetcherWithComponents } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { ABSENCE_REASONS, CheckInSchema, MOODS, type DoorDone, type DoorStatus } from '~/modules/attendance/attendance';
import type { FormFailure } from '~/modules/forms/fields';
import { ErrorMessage } from './field';

/** One child as the door screen lists them: today's status, the day's record, and who may collect them. */
export type DoorChild = {
  id: string;
  name: string;
  ageMonths: number;
  alerts: { allergies: string | null; medical: string | null; custody: string | null };
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
};

/** What the door's action answers a card's fetcher: a tap that landed, or the form's errors. */
export type DoorAnswer = Partial<FormFailure> & Partial<DoorDone>;
type DoorFetcher = FetcherWithComponents<DoorAnswer>;
/** The one panel a card has open at a time. */
export type DoorPanel = 'none' | 'health' | 'out' | 'absent';

type PanelProps = { child: DoorChild; fetcher: DoorFetcher; panel: DoorPanel; toggle: (panel: DoorPanel) => void };

const ChildId = ({ child }: { child: DoorChild }) => <input type="hidden" name="childId" value={child.id} />;

/**
 * A child not here yet: one tap checks them in, or the health check opens first (temperature, mood,
 * marks, who brought them). A temperature the server finds feverish asks for confirmation.
 */
export function ArrivalPanel({ child, fetcher, panel, toggle }: PanelProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const busy = fetcher.state !== 'idle';
  const errors = fetcher.data?.errors ?? {};
  // The temperature the server found above the fever threshold, read as the form reads it.
  const feverTenths = errors.fever_confirmed
    ? CheckInSchema.shape.temperature.safeParse(fetcher.data?.values?.temperature).data
    : null;
  return (
    <>
      {child.status === 'expected' || child.status === 'unscheduled' || child.status === 'absent' ? (
        <div className="door-actions">
          <fetcher.Form method="post">
            <ChildId child={child} />
            <button type="submit" name="intent" value="check-in" className="primary big" disabled={busy}>
              {t('today.checkIn')}
            </button>
          </fetcher.Form>
          <button
            type="button"
            className="secondary"
            aria-expanded={panel === 'health'}
            onClick={() => toggle('health')}
          >
            {t('today.withHealthCheck')}
          </button>
          {child.status === 'expected' ? (
            <button
              type="button"
              className="link-button"
              aria-expanded={panel === 'absent'}
              onClick={() => toggle('absent')}
            >
              {t('today.markAbsent')}
            </button>
          ) : null}
        </div>
      ) : null}
      {(panel === 'health' || errors.temperature || errors.fever_confirmed) &&
      child.status !== 'present' &&
      child.status !== 'checked_out' ? (
        <fetcher.Form method="post" className="door-panel">
          <ChildId child={child} />
          <input type="hidden" name="intent" value="check-in" />
          <label>
            {t('today.temperature')}
            <input
              name="temperature"
              inputMode="decimal"
              placeholder="36,8"
              aria-invalid={errors.temperature ? true : undefined}
            />
          </label>
          <ErrorMessage message={errors.temperature} />
          {errors.fever_confirmed ? (
            <label className="checkbox-option fever">
              <input type="checkbox" name="fever_confirmed" />{' '}
              {t('today.feverConfirm', { temperature: feverTenths ? formatNumber(feverTenths / 10, lng) : '—' })}
            </label>
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
          <button type="submit" className="primary" disabled={busy}>
            {t('today.checkIn')}
          </button>
        </fetcher.Form>
      ) : null}
    </>
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
        <select name="reason" defaultValue="unexplained">
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
export function CheckOutPanel({
  child,
  fetcher,
  panel,
  toggle,
  isCoordinator,
}: PanelProps & { isCoordinator: boolean }) {
  const { t } = useTranslation();
  if (child.status !== 'present') return null;
  const busy = fetcher.state !== 'idle';
  const errors = fetcher.data?.errors ?? {};
  return (
    <>
      <div className="door-actions">
        <button type="button" className="primary big" aria-expanded={panel === 'out'} onClick={() => toggle('out')}>
          {t('today.checkOut')}
        </button>
      </div>
      {panel === 'out' || errors.collector ? (
        <div className="door-panel">
          <fetcher.Form method="post">
            <ChildId child={child} />
            <input type="hidden" name="intent" value="check-out" />
            <fieldset className="collectors">
              <legend>{t('today.whoCollects')}</legend>
              {child.collectors.length === 0 ? <p className="empty">{t('childRecord.noPickups')}</p> : null}
              {child.collectors.map((c) => (
                <label key={c.key} className="collector">
                  <input type="radio" name="collector" value={c.key} required />
                  {c.photoId ? (
                    <img src={`children/${child.id}/documents/${c.photoId}`} alt="" width={56} height={56} />
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
            <button type="submit" className="primary" disabled={busy}>
              {t('today.confirmCheckOut')}
            </button>
          </fetcher.Form>
          <fetcher.Form method="post" className="someone-else">
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
            <fetcher.Form method="post" className="someone-else">
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
        </div>
      ) : null}
    </>
  );
}
