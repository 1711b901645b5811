import { useTranslation } from '~/i18n/translation';
import type { LiveStatus } from './use-live';

/** Says whether the page updates by itself (useLive): a dot and a word, read out when it changes. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`live-indicator live-${status}`} role="status">
      {status === 'connecting' ? null : t(status === 'live' ? 'live.on' : 'live.reconnecting')}
    </span>
  );
}
