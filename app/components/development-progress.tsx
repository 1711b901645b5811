import { useTranslation } from '~/i18n/translation';
import { itemText } from '~/modules/development/development';
import { DOMAINS } from '~/modules/development/rules';
import { DomainProgress } from './domain-progress';
import { ScrollTable } from './scroll-table';

type Flag = { id: string; domain: string; age_months: number; text_id: string; text_en: string };
type BandProgress = { band: number; domains: { domain: string; yes: number; total: number }[] };

/** What to talk about with the family (items still "not yet" at their age), and progress by domain. */
export function DevelopmentSummary({
  flags,
  progress,
}: {
  flags: Flag[];
  progress: { domain: string; yes: number; total: number }[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className={`card ${flags.length ? 'attention' : ''}`}>
      <h2>{t('development.summary')}</h2>
      {flags.length === 0 ? (
        <p>{t('development.noFlags')}</p>
      ) : (
        <>
          <p>{t('development.flagsIntro', { count: flags.length })}</p>
          <ul>
            {flags.map((f) => (
              <li key={f.id}>
                {itemText(f, i18n.language)}{' '}
                <span className="hint">
                  ({t(`domains.${f.domain}`)}, {t('development.bandShort', { band: f.age_months })})
                </span>
              </li>
            ))}
          </ul>
          <p className="hint">{t('development.neverDiagnosis')}</p>
        </>
      )}
      <DomainProgress progress={progress} />
    </div>
  );
}

/** For each age band reached, how many of each domain's items have been seen. Nothing before the first band. */
export function ProgressOverTime({ byBand }: { byBand: BandProgress[] }) {
  const { t } = useTranslation();
  if (byBand.length === 0) return null;
  return (
    <div className="card">
      <h2>{t('development.overTime')}</h2>
      <ScrollTable label={t('development.overTime')}>
        <table>
          <thead>
            <tr>
              <th>{t('development.ageBand')}</th>
              {DOMAINS.map((dm) => (
                <th key={dm}>{t(`domains.${dm}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {byBand.map((b) => (
              <tr key={b.band}>
                <th scope="row">{t('development.bandShort', { band: b.band })}</th>
                {b.domains.map((x) => (
                  <td key={x.domain}>
                    {x.total ? t('development.progressValue', { yes: x.yes, total: x.total }) : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </div>
  );
}
