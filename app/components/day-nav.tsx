import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatLongDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';

/** The day shown, with the days before and after (never past today, never before the child's first day). */
export function DayNav({ date, previous, next }: { date: string; previous: string | null; next: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <nav className="day-nav" aria-label={t('day.otherDays')}>
      {previous ? (
        <Link to={`?date=${previous}`} rel="prev">
          ← {t('day.previousDay')}
        </Link>
      ) : (
        <span />
      )}
      <strong>{formatLongDate(date, i18n.language as Lang)}</strong>
      {next ? (
        <Link to={`?date=${next}`} rel="next">
          {t('day.nextDay')} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
