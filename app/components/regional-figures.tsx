import { useTranslation } from '~/i18n/translation';
import { formatMonth, formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import type { Figure } from '~/modules/regional/suppression';

/** A figure in a table: the number, "<5" (hidden, said in words to a screen reader), or a dash. */
export function FigureCell({ figure, digits = 1 }: { figure: Figure; digits?: number }) {
  const { t, i18n } = useTranslation();
  if (figure.kind === 'value') return <>{formatNumber(figure.value, i18n.language as Lang, digits)}</>;
  if (figure.kind === 'suppressed')
    return (
      <abbr className="suppressed" title={t('region.hidden')} aria-label={t('region.hidden')}>
        &lt;5
      </abbr>
    );
  return <span aria-label={t('region.noData')}>–</span>;
}

// Drawn narrow, like the growth chart, so its text stays readable when a 360 px phone shrinks it.
const W = 360;
const H = 220;
const PAD = { left: 40, right: 20, top: 16, bottom: 34 };
const SERIES = [
  { key: 'attendance', className: 'series-a' },
  { key: 'stunting', className: 'series-b' },
] as const;

/**
 * Two shares (0–100 %) by month as lines in plain SVG, with a legend in the page's text. A hidden
 * or missing month breaks the line: nothing is drawn for it.
 */
export function MonthsChart({ months }: { months: { month: string; attendance: Figure; stunting: Figure }[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  if (months.length === 0) return null;
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length - 1);
  const x = (i: number) => PAD.left + i * step;
  const y = (v: number) => H - PAD.bottom - (v / 100) * (H - PAD.top - PAD.bottom);
  const segments = (key: 'attendance' | 'stunting') => {
    const paths: string[] = [];
    let current = '';
    months.forEach((m, i) => {
      const f = m[key];
      if (f.kind !== 'value') {
        if (current) paths.push(current);
        current = '';
        return;
      }
      current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(f.value).toFixed(1)} `;
    });
    if (current) paths.push(current);
    return paths;
  };
  return (
    <figure className="growth-chart regional-chart">
      <figcaption>{t('region.chart.title')}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('region.chart.description')}>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="tick">
              {v}
            </text>
          </g>
        ))}
        {months.map((m, i) =>
          i % 3 === months.length % 3 || i === months.length - 1 ? (
            <text key={m.month} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" className="tick">
              {formatMonth(m.month, lng).split(' ')[0].slice(0, 3)}
            </text>
          ) : null,
        )}
        {SERIES.map((s) =>
          segments(s.key).map((d, i) => <path key={`${s.key}${i}`} d={d} className={`line ${s.className}`} />),
        )}
        {SERIES.map((s) =>
          months.map((m, i) => {
            const f = m[s.key];
            return f.kind === 'value' ? (
              <circle key={`${s.key}${m.month}`} cx={x(i)} cy={y(f.value)} r={3} className={`dot ${s.className}`} />
            ) : null;
          }),
        )}
      </svg>
      <ul className="chart-legend">
        {SERIES.map((s) => (
          <li key={s.key}>
            <svg viewBox="0 0 24 10" aria-hidden="true">
              <line x1="0" x2="24" y1="5" y2="5" className={`line ${s.className}`} />
            </svg>
            {t(`region.chart.${s.key}`)} (%)
          </li>
        ))}
      </ul>
    </figure>
  );
}
