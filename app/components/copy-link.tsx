import { useState } from 'react';
import { useTranslation } from '~/i18n/translation';

/**
 * A one-time link to pass on: shown in full (it can be selected and copied by hand), with a copy
 * button and a WhatsApp share link, which is how most families and staff receive messages.
 */
export function CopyLink({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-link">
      <input readOnly value={url} aria-label={label} className="copy" onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        className="secondary"
        onClick={() =>
          navigator.clipboard?.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? t('copyLink.copied') : t('copyLink.copy')}
      </button>
      {/* The button's new word is said to a screen reader too. */}
      <span className="visually-hidden" role="status">
        {copied ? t('copyLink.copied') : ''}
      </span>
      <a
        className="button secondary"
        href={`https://wa.me/?text=${encodeURIComponent(url)}`}
        target="_blank"
        rel="noreferrer"
      >
        {t('copyLink.whatsapp')}
      </a>
    </div>
  );
}
