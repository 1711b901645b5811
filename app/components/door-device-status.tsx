import { useTranslation } from '~/i18n/translation';
import { formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import type { QueuedTap } from '~/modules/attendance/door-device';
import { translateMessage } from '~/i18n/i18n';

/**
 * What the door says about its device: offline (and how many records wait), records still being
 * sent, a roster shown from the device, and the records the server answered later with something
 * to read: refused, or another device had recorded it first (both stay in the child's history).
 */
export function DoorDeviceStatus({
  online,
  waiting,
  answered,
  savedOnDevice,
  names,
  zone,
  dismiss,
}: {
  online: boolean;
  waiting: QueuedTap[];
  answered: QueuedTap[];
  savedOnDevice: boolean;
  names: Map<string, string>;
  zone: string;
  dismiss: (clientId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const time = (iso: string | null | undefined) => (iso ? formatTime(iso, lng, zone) : '');
  return (
    <>
      {!online ? (
        <p className="notice door-offline" role="status">
          {waiting.length ? t('door.offline', { count: waiting.length }) : t('door.offlineNone')}
        </p>
      ) : waiting.length ? (
        <p className="notice" role="status">
          {t('door.sending', { count: waiting.length })}
        </p>
      ) : null}
      {savedOnDevice ? <p className="hint">{t('door.savedOnDevice')}</p> : null}
      {answered.length ? (
        <div className="notice door-notes" role="alert">
          <strong>{t('door.notesTitle')}</strong>
          <ul className="plain">
            {answered.map(({ clientId, fields, tappedAt, answer }) => (
              <li key={clientId}>
                <p>
                  {t('door.tapLine', {
                    name: names.get(fields.childId) ?? '',
                    what: t(`door.intents.${fields.intent}`),
                    time: time(tappedAt),
                  })}
                </p>
                <p>
                  {answer?.outcome === 'duplicate'
                    ? t(`door.duplicate.${fields.intent}`, {
                        time: time(fields.intent === 'check-out' ? answer.day?.checkOutAt : answer.day?.checkInAt),
                        name: answer.day?.pickedUpBy ?? '',
                      })
                    : t('door.refused', {
                        reason:
                          answer?.outcome === 'invalid'
                            ? translateMessage(t, Object.values(answer.errors)[0] ?? 'errors.notFound')
                            : t(`errors.${answer?.error ?? 'notFound'}`),
                      })}
                  {answer?.outcome === 'refused' && answer.day
                    ? ` ${t('door.now', { status: t(`doorStatus.${answer.day.status}`) })}`
                    : null}
                </p>
                <button type="button" className="secondary" onClick={() => dismiss(clientId)}>
                  {t('door.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
