import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from '~/components/field';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import type { CheckState } from '~/modules/safeguarding/checks';

/** A check's or licence's state as a pill: valid until …, expires soon, lapsed, not recorded. */
export function CheckStatePill({ state, expiresOn }: { state: CheckState; expiresOn: string | null }) {
  const { t, i18n } = useTranslation();
  const date = expiresOn ? formatDate(expiresOn, i18n.language as Lang) : '';
  return (
    <span className={`status check-${state}`}>
      {state === 'valid' && !expiresOn ? t('safeguarding.noExpiry') : t(`safeguarding.state.${state}`, { date })}
    </span>
  );
}

/** The self-assessment score over time: a small line chart (0–100), its points labelled for screen readers. */
export function ScoreChart({ points }: { points: { date: string; score: number }[] }) {
  const { t, i18n } = useTranslation();
  if (points.length === 0) return null;
  const width = 320;
  const height = 120;
  const x = (i: number) => (points.length === 1 ? width / 2 : 10 + (i * (width - 20)) / (points.length - 1));
  const y = (score: number) => height - 10 - (score * (height - 20)) / 100;
  return (
    <svg
      className="score-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('safeguarding.chartLabel', {
        points: points.map((p) => `${formatDate(p.date, i18n.language as Lang)}: ${p.score}`).join(', '),
      })}
    >
      <line x1="0" x2={width} y1={y(0)} y2={y(0)} stroke="#d1d5db" />
      <line x1="0" x2={width} y1={y(100)} y2={y(100)} stroke="#d1d5db" />
      <polyline points={points.map((p, i) => `${x(i)},${y(p.score)}`).join(' ')} />
      {points.map((p, i) => (
        <circle key={`${p.date}-${i}`} cx={x(i)} cy={y(p.score)} r="3" fill="currentColor" />
      ))}
    </svg>
  );
}

/** The document's file input (PDF, JPEG or PNG), with the server's message when it was refused. */
export function DocumentInput({ error, name = 'document', label }: { error?: string; name?: string; label?: string }) {
  const { t } = useTranslation();
  const id = `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('safeguarding.document')}</label>
      <input
        id={id}
        name={name}
        type="file"
        accept="application/pdf,image/jpeg,image/png"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <ErrorMessage id={`${id}-error`} message={error} />
    </div>
  );
}

/** Whether a person counts toward the ratio, in a word or two, for the staff tables. */
export function RatioFlag({ counts, reason, decided }: { counts: boolean; reason: string | null; decided: boolean }) {
  const { t } = useTranslation();
  if (counts)
    return (
      <span className="status check-valid">
        {t(decided ? 'safeguarding.countsDecided' : 'safeguarding.countsShort')}
      </span>
    );
  return (
    <span className="status check-lapsed">
      {t(reason === 'lapsed' ? 'safeguarding.notCountedShortLapsed' : 'safeguarding.notCountedShortDecided')}
    </span>
  );
}
