import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';

export type ConcernsDueData = {
  concerns: { concernId: string; followUpOn: string; childName: string }[];
  referrals: { concernId: string; referralId: string; followUpOn: string; childName: string }[];
  unassessed: number;
};

/**
 * On the coordinator's home (the way to the center's concerns): welfare concerns awaiting a first assessment, and follow-ups (of a
 * concern or a referral) whose date has passed. Names and dates only; the content stays on the
 * concern, where reading it is recorded.
 */
export function ConcernsDue({ due }: { due: ConcernsDueData }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <div className="card concerns-due" role="region" aria-labelledby="concerns-due-title">
      <h2 id="concerns-due-title">
        <Link to="concerns">{t('concerns.due.title')}</Link>
      </h2>
      {due.unassessed > 0 ? (
        <p>
          <Link to="concerns">{t('concerns.due.unassessed', { count: due.unassessed })}</Link>
        </p>
      ) : null}
      {due.concerns.length + due.referrals.length > 0 ? (
        <ul className="plain">
          {due.concerns.map((c) => (
            <li key={c.concernId}>
              <Link to={`concerns/${c.concernId}`}>
                {t('concerns.due.concern', { name: c.childName, date: formatDate(c.followUpOn, lng) })}
              </Link>
            </li>
          ))}
          {due.referrals.map((r) => (
            <li key={r.referralId}>
              <Link to={`concerns/${r.concernId}`}>
                {t('concerns.due.referral', { name: r.childName, date: formatDate(r.followUpOn, lng) })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {due.unassessed + due.concerns.length + due.referrals.length === 0 ? (
        <p className="hint">{t('concerns.due.nothing')}</p>
      ) : null}
    </div>
  );
}
