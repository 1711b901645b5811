import { useTranslation } from '~/i18n/translation';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';

/** On a center's settings: the regional overseers who can see the center's figures (never its records). */
export function RegionalViewers({
  viewers,
}: {
  viewers: { name: string; email: string; province: string; city: string | null; created_at: string }[];
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section className="card" aria-labelledby="regional-viewers">
      <h2 id="regional-viewers">{t('region.seenBy.title')}</h2>
      <p className="hint">{t('region.seenBy.lead')}</p>
      {viewers.length === 0 ? (
        <p className="empty">{t('region.seenBy.none')}</p>
      ) : (
        <ul>
          {viewers.map((v) => (
            <li key={`${v.email} ${v.city ?? ''}`}>
              {v.name} ({v.email}) —{' '}
              {v.city === null
                ? t('region.wholeProvince', { province: v.province })
                : t('region.cityIn', { city: v.city, province: v.province })}
              , {t('region.seenBy.since').toLowerCase()} {formatDate(v.created_at.slice(0, 10), lng)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
