import { useTranslation } from 'react-i18next';

type Curve = { z: number; points: [number, number][] };

const W = 640;
const H = 360;
const PAD = { left: 44, right: 36, top: 12, bottom: 34 };

/**
 * A WHO growth chart as plain SVG: the −3…+3 SD curves with the child's points on top. It scales
 * to a phone's width, prints crisply and needs no script.
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
  const yStep = Math.max(1, Math.round((maxY - minY) / 8));
  const yTicks = Array.from({ length: Math.floor((maxY - minY) / yStep) + 1 }, (_, i) => minY + i * yStep);
  const xTicks = Array.from({ length: Math.floor(maxX / 6) + 1 }, (_, i) => i * 6);
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
          <text key={`x${v}`} x={x(v)} y={H - PAD.bottom + 16} textAnchor="middle" className="tick">
            {v}
          </text>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 4} textAnchor="middle" className="tick">
          {t('growth.ageMonths')}
        </text>
        <text x={12} y={PAD.top + 8} className="tick">
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
    </figure>
  );
}
