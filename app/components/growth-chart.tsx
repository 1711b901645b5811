import { useTranslation } from '~/i18n/translation';

type Curve = { z: number; points: [number, number][] };

// A narrow drawing, so that its text stays readable (about 12 px) when a 360 px phone shrinks it;
// on wider screens the figure's width is capped (styles.css) so that the text does not grow large.
const W = 360;
const H = 300;
const PAD = { left: 40, right: 26, top: 24, bottom: 40 };
const LEGEND = [
  { className: 'child-line', key: 'growth.legend.child' },
  { className: 'sd sd-0', key: 'growth.legend.median' },
  { className: 'sd sd-1', key: 'growth.legend.sd1' },
  { className: 'sd sd-2', key: 'growth.legend.sd2' },
  { className: 'sd sd-3', key: 'growth.legend.sd3' },
] as const;

/**
 * A WHO growth chart as plain SVG: the −3…+3 SD curves with the child's points on top, and a legend
 * in the page's text below it. It scales to a phone's width, prints crisply and needs no script.
 */
export function GrowthChart({
  title,
  unit,
  curves,
  points,
}: {
  title: string;
  unit: string;
  curves: Curve[];
  points: [number, number][];
}) {
  const { t } = useTranslation();
  const all = [...curves.flatMap((c) => c.points), ...points];
  if (all.length === 0) return null;
  const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.floor(Math.min(...all.map((p) => p[1])));
  const maxY = Math.ceil(Math.max(...all.map((p) => p[1])));
  const x = (v: number) => PAD.left + (v / maxX) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - minY) / (maxY - minY)) * (H - PAD.top - PAD.bottom);
  const line = (pts: [number, number][]) =>
    pts.map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
  const yStep = [1, 2, 5, 10, 20].find((step) => (maxY - minY) / step <= 7) ?? 20;
  const yFirst = Math.ceil(minY / yStep) * yStep;
  const yTicks = Array.from({ length: Math.floor((maxY - yFirst) / yStep) + 1 }, (_, i) => yFirst + i * yStep);
  const xStep = maxX > 36 ? 12 : 6;
  const xTicks = Array.from({ length: Math.floor(maxX / xStep) + 1 }, (_, i) => i * xStep);
  return (
    <figure className="growth-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('growth.chartLabel', { title, count: points.length })}>
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="tick">
              {v}
            </text>
          </g>
        ))}
        {xTicks.map((v) => (
          <text key={`x${v}`} x={x(v)} y={H - PAD.bottom + 17} textAnchor="middle" className="tick">
            {v}
          </text>
        ))}
        <text x={(W + PAD.left - PAD.right) / 2} y={H - 4} textAnchor="middle" className="axis-title">
          {t('growth.ageMonths')}
        </text>
        <text x={4} y={PAD.top - 8} className="axis-title">
          {unit}
        </text>
        {curves.map((c) => (
          <g key={c.z}>
            <path d={line(c.points)} className={`sd sd-${Math.abs(c.z)}`} fill="none" />
            <text
              x={x(c.points[c.points.length - 1][0]) + 3}
              y={y(c.points[c.points.length - 1][1]) + 4}
              className="tick"
            >
              {c.z > 0 ? `+${c.z}` : c.z}
            </text>
          </g>
        ))}
        {points.length > 1 ? <path d={line(points)} className="child-line" fill="none" /> : null}
        {points.map((p, i) => (
          <circle key={i} cx={x(p[0])} cy={y(p[1])} r={4.5} className="child-point" />
        ))}
      </svg>
      <ul className="chart-legend">
        {LEGEND.map((l) => (
          <li key={l.key}>
            <svg viewBox="0 0 24 10" width="24" height="10" aria-hidden="true">
              <line x1="1" x2="23" y1="5" y2="5" className={l.className} />
              {l.className === 'child-line' ? <circle cx="12" cy="5" r="3.5" className="child-point" /> : null}
            </svg>{' '}
            {t(l.key)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
