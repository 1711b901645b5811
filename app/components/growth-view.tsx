import { useTranslation } from '~/i18n/translation';
import { formatDate, formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { GrowthChart } from './growth-chart';
import { ScrollTable } from './scroll-table';

type Curve = { z: number; points: [number, number][] };
type Measurement = {
  id: string;
  measured_on: string;
  ageMonths: number;
  weight_kg: number | null;
  length_cm: number | null;
  position: string | null;
  head_cm: number | null;
  muac_cm: number | null;
  z: {
    wfa: number | null;
    lhfa: number | null;
    wflh: number | null;
    hcfa: number | null;
    acfa: number | null;
    bmifa: number | null;
    classes: string[];
  };
};

/** Charts, the latest assessment in plain words, and (for staff) the table of measurements with z-scores. */
export function GrowthView({
  chart,
  measurements,
  detailed,
}: {
  chart: {
    weight: { curves: Curve[]; points: [number, number][] };
    length: { curves: Curve[]; points: [number, number][] };
  };
  measurements: Measurement[];
  detailed: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const latest = measurements[measurements.length - 1];
  const n = (v: number | null, digits = 1) => (v === null ? '—' : formatNumber(v, lng, digits));
  return (
    <>
      {latest ? (
        <div className={`card growth-latest ${latest.z.classes.length ? 'attention' : ''}`}>
          <h2>{t('growth.latest', { date: formatDate(latest.measured_on, lng) })}</h2>
          {latest.z.classes.length === 0 ? (
            <p>{t('growth.allWell')}</p>
          ) : (
            latest.z.classes.map((c) => <p key={c}>{t(`growth.class.${c}`)}</p>)
          )}
          {latest.z.classes.length ? <p className="hint">{t('growth.neverDiagnosis')}</p> : null}
        </div>
      ) : (
        <p className="empty">{t('growth.none')}</p>
      )}
      <div className="charts">
        <GrowthChart
          title={t('growth.weightForAge')}
          unit="kg"
          curves={chart.weight.curves}
          points={chart.weight.points}
        />
        <GrowthChart
          title={t('growth.lengthForAge')}
          unit="cm"
          curves={chart.length.curves}
          points={chart.length.points}
        />
      </div>
      {detailed && measurements.length ? (
        <ScrollTable label={t('growth.measurementsTable')}>
          <table>
            <thead>
              <tr>
                <th>{t('reports.date')}</th>
                <th>{t('growth.age')}</th>
                <th>{t('growth.weight')}</th>
                <th>{t('growth.length')}</th>
                <th>{t('growth.head')}</th>
                <th>{t('growth.muac')}</th>
                <th>{t('growth.zscores')}</th>
                <th>{t('growth.assessment')}</th>
              </tr>
            </thead>
            <tbody>
              {[...measurements].reverse().map((m) => (
                <tr key={m.id}>
                  <td>{formatDate(m.measured_on, lng)}</td>
                  <td>{t('growth.monthsValue', { count: m.ageMonths })}</td>
                  <td>{n(m.weight_kg, 2)}</td>
                  <td>
                    {n(m.length_cm)}{' '}
                    {m.position ? <span className="hint">{t(`growth.position.${m.position}`)}</span> : null}
                  </td>
                  <td>{n(m.head_cm)}</td>
                  <td>{n(m.muac_cm)}</td>
                  <td className="zscores">
                    {(['wfa', 'lhfa', 'wflh', 'bmifa', 'hcfa', 'acfa'] as const)
                      .filter((k) => m.z[k] !== null)
                      .map((k) => `${t(`growth.indicator.${k}`)} ${n(m.z[k], 2)}`)
                      .join(' · ')}
                  </td>
                  <td>{m.z.classes.map((c) => t(`growth.short.${c}`)).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : null}
    </>
  );
}
