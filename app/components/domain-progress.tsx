import { useTranslation } from '~/i18n/translation';

/** Milestones seen ("yes") out of those due so far, per developmental domain. */
export function DomainProgress({
  progress,
  className = 'progress',
}: {
  progress: { domain: string; yes: number; total: number }[];
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <ul className={className}>
      {progress.map((p) => (
        <li key={p.domain}>
          <span>{t(`domains.${p.domain}`)}</span>
          <meter min={0} max={p.total || 1} value={p.yes} aria-label={t(`domains.${p.domain}`)} />
          <span className="hint">{t('development.progressValue', { yes: p.yes, total: p.total })}</span>
        </li>
      ))}
    </ul>
  );
}
