// Drawn "photos" for the demo's day log: a simple illustrated scene of a room's activity (blocks,
// planting, drawing, exercise in the yard, babies on a play mat) with as many drawn children as the
// photo is tagged with, rendered to JPEG by sharp like the portraits (portraits.ts). Plainly
// drawings, never a photograph of a child. And a one-page PDF letter for a message attachment.
import sharp from 'sharp';

export type Scene = 'blocks' | 'planting' | 'drawing' | 'exercise' | 'mat';

const SKIN = ['#f2cba8', '#e3b08a', '#cf9a70', '#b47c55', '#96603f'];
const HAIR = ['#1b1411', '#2a1d16', '#3d2b20'];
const SHIRTS = ['#e4572e', '#3f88c5', '#f2a541', '#5b8c5a', '#a23b72', '#29a19c', '#ef6f6c', '#6c5b7b'];
const HIJAB = ['#c0876a', '#5a6fa8', '#9c3d54', '#2f5d62', '#e0a458'];
const TOYS = ['#e4572e', '#3f88c5', '#f2a541', '#5b8c5a', '#a23b72', '#29a19c'];

const W = 960;
const H = 720;
const pick = <T>(list: readonly T[], n: number) => list[Math.abs(n) % list.length];

/** A child seen from the front, standing (or sitting, smaller, for babies), centred at x with feet at y. */
function child(x: number, y: number, n: number, { scale = 1, armsUp = false, baby = false } = {}) {
  const skin = pick(SKIN, n * 7 + 3);
  const hair = pick(HAIR, n);
  const shirt = pick(SHIRTS, n * 3 + 1);
  const hijab = !baby && n % 4 === 1 ? pick(HIJAB, n) : null;
  const s = scale * (baby ? 0.75 : 1);
  const head = 34 * s;
  const bodyH = (baby ? 60 : 90) * s;
  const top = y - bodyH - (baby ? 0 : 70 * s);
  const parts: string[] = [];
  if (!baby)
    parts.push(
      `<rect x="${x - 22 * s}" y="${y - 72 * s}" width="${16 * s}" height="${70 * s}" rx="${7 * s}" fill="#35506b"/>`,
      `<rect x="${x + 6 * s}" y="${y - 72 * s}" width="${16 * s}" height="${70 * s}" rx="${7 * s}" fill="#35506b"/>`,
    );
  const arm = (side: -1 | 1) =>
    armsUp
      ? `<path d="M${x + side * 26 * s} ${top + 14 * s} L${x + side * 52 * s} ${top - 44 * s}" stroke="${skin}" stroke-width="${13 * s}" stroke-linecap="round"/>`
      : `<path d="M${x + side * 26 * s} ${top + 14 * s} L${x + side * 40 * s} ${top + 70 * s}" stroke="${skin}" stroke-width="${13 * s}" stroke-linecap="round"/>`;
  parts.push(arm(-1), arm(1));
  parts.push(`<rect x="${x - 32 * s}" y="${top}" width="${64 * s}" height="${bodyH}" rx="${22 * s}" fill="${shirt}"/>`);
  const cy = top - head + 6 * s;
  if (hijab)
    parts.push(`<ellipse cx="${x}" cy="${cy + 6 * s}" rx="${head + 10 * s}" ry="${head + 16 * s}" fill="${hijab}"/>`);
  parts.push(`<circle cx="${x}" cy="${cy}" r="${head}" fill="${skin}"/>`);
  if (!hijab)
    parts.push(
      `<path d="M${x - head} ${cy - 4 * s} C${x - head} ${cy - head - 14 * s} ${x + head} ${cy - head - 14 * s} ${x + head} ${cy - 4 * s} C${x + head * 0.5} ${cy - head * 0.55} ${x - head * 0.5} ${cy - head * 0.55} ${x - head} ${cy - 4 * s} Z" fill="${hair}"/>`,
    );
  parts.push(
    `<circle cx="${x - 12 * s}" cy="${cy + 2 * s}" r="${4 * s}" fill="#2a1c14"/>`,
    `<circle cx="${x + 12 * s}" cy="${cy + 2 * s}" r="${4 * s}" fill="#2a1c14"/>`,
    `<path d="M${x - 11 * s} ${cy + 14 * s} Q${x} ${cy + 23 * s} ${x + 11 * s} ${cy + 14 * s}" fill="none" stroke="#8a3b34" stroke-width="${3.5 * s}" stroke-linecap="round"/>`,
  );
  return parts.join('');
}

function blocks(x: number, y: number, n: number) {
  const parts: string[] = [];
  for (let k = 0; k < 4; k++)
    parts.push(
      `<rect x="${x + (k % 2) * 6}" y="${y - (k + 1) * 34}" width="56" height="34" rx="4" fill="${pick(TOYS, n + k)}" stroke="#00000022"/>`,
    );
  return parts.join('');
}

/** The scene as SVG text (960 × 720) with `figures` children in it; `variant` moves colours and places. */
export function sceneSvg({ scene, figures, variant }: { scene: Scene; figures: number; variant: number }) {
  const v = Math.abs(Math.floor(variant));
  const outdoor = scene === 'exercise';
  const parts: string[] = [];
  if (outdoor) {
    parts.push(
      `<rect width="${W}" height="${H}" fill="#bfe3f5"/>`,
      `<circle cx="${820 - (v % 5) * 30}" cy="110" r="58" fill="#ffd35c"/>`,
      `<path d="M0 470 C240 420 520 500 ${W} 440 L${W} ${H} L0 ${H} Z" fill="#8cc56b"/>`,
      `<rect x="70" y="250" width="34" height="230" fill="#7a5233"/><circle cx="87" cy="230" r="92" fill="#4f9a4a"/>`,
      `<rect x="${W - 140}" y="300" width="28" height="190" fill="#7a5233"/><circle cx="${W - 126}" cy="285" r="72" fill="#5aa652"/>`,
    );
  } else {
    const wall = pick(['#f6ecd9', '#e8f1f7', '#f7e6e6', '#eef4e4'], v);
    parts.push(
      `<rect width="${W}" height="${H}" fill="${wall}"/>`,
      `<rect y="470" width="${W}" height="${H - 470}" fill="#d9b88f"/>`,
      // A window and the children's drawings on the wall.
      `<rect x="70" y="70" width="220" height="160" rx="8" fill="#bfe3f5" stroke="#ffffff" stroke-width="10"/>`,
      `<rect x="${W - 300}" y="90" width="90" height="110" fill="#fff" transform="rotate(-4 ${W - 255} 145)"/>`,
      `<circle cx="${W - 255}" cy="140" r="26" fill="${pick(TOYS, v + 2)}"/>`,
      `<rect x="${W - 180}" y="100" width="90" height="110" fill="#fff" transform="rotate(5 ${W - 135} 155)"/>`,
      `<path d="M${W - 165} 190 L${W - 135} 125 L${W - 105} 190 Z" fill="${pick(TOYS, v + 4)}"/>`,
    );
  }
  if (scene === 'mat') parts.push(`<rect x="120" y="500" width="${W - 240}" height="170" rx="26" fill="#9ed8c8"/>`);
  const table = scene === 'drawing' || scene === 'planting';
  const n = Math.max(1, Math.min(figures, 5));
  const gap = (W - 200) / n;
  const xs = Array.from({ length: n }, (_, k) => 100 + gap * (k + 0.5));
  const feet = scene === 'mat' ? 640 : table ? 560 : 660;
  for (const [k, x] of xs.entries())
    parts.push(
      child(x, feet, v + k * 5, {
        armsUp: scene === 'exercise',
        baby: scene === 'mat',
        scale: scene === 'mat' ? 1.4 : 1,
      }),
    );
  if (table) {
    // The table in front of the children, with what they are doing on it.
    parts.push(`<rect x="90" y="520" width="${W - 180}" height="34" rx="8" fill="#b07a4f"/>`);
    parts.push(
      `<rect x="130" y="554" width="22" height="150" fill="#8f6140"/><rect x="${W - 152}" y="554" width="22" height="150" fill="#8f6140"/>`,
    );
    for (const [k, x] of xs.entries()) {
      if (scene === 'drawing')
        parts.push(
          `<rect x="${x - 50}" y="482" width="100" height="44" fill="#ffffff" transform="rotate(${(k % 3) - 1} ${x} 504)"/>`,
          `<circle cx="${x - 12}" cy="502" r="12" fill="${pick(TOYS, v + k)}"/>`,
          `<rect x="${x + 18}" y="492" width="30" height="8" rx="3" fill="${pick(TOYS, v + k + 3)}"/>`,
        );
      else
        parts.push(
          `<path d="M${x - 26} 470 L${x + 26} 470 L${x + 20} 522 L${x - 20} 522 Z" fill="#cfe9f2" stroke="#7fb6c9" stroke-width="3"/>`,
          `<path d="M${x} 472 C${x - 6} 440 ${x - 30} 430 ${x - 40} 436 M${x} 472 C${x + 4} 438 ${x + 26} 424 ${x + 38} 432 M${x} 472 L${x} 428" stroke="#3f8f3a" stroke-width="6" fill="none" stroke-linecap="round"/>`,
        );
    }
  }
  if (scene === 'blocks')
    for (const [k, x] of xs.entries()) if (k < xs.length - 1) parts.push(blocks(x + gap / 2 - 30, feet + 20, v + k));
  if (scene === 'mat')
    for (const [k, x] of xs.entries())
      parts.push(`<circle cx="${x + gap / 2}" cy="600" r="20" fill="${pick(TOYS, v + k)}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

/** The scene as a JPEG file, as a phone would send it (the upload path re-encodes it). */
export async function sceneJpeg(input: { scene: Scene; figures: number; variant: number }): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(input)))
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A one-page PDF (A5) with lines of plain text in Helvetica: a letter a family scanned and sent. */
export function letterPdf(lines: string[]): Buffer {
  // Helvetica in WinAnsi: accented Latin letters print; the text is made of them only.
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const body = lines
    .map((line, k) => ({ line, size: k === 0 ? 14 : 10.5, y: k === 0 ? 540 : 505 - (k - 1) * 18 }))
    .filter(({ line }) => line !== '')
    .map(({ line, size, y }) => `BT /F1 ${size} Tf 40 ${y} Td (${escape(line)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [k, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${k + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
