// Drawn portraits for the demo's pickup persons: a simple illustrated face (SVG) rendered to PNG
// with sharp, so the door screen shows a face that is plainly a drawing, never a photograph of
// someone real. The same traits always give the same picture.
import sharp from 'sharp';

export type PortraitTraits = {
  sex: 'female' | 'male';
  /** Grandparents get grey hair and, sometimes, glasses. */
  older: boolean;
  /** Any number: picks skin, hair, clothing and background colours and the hair style. */
  variant: number;
};

const SKIN = ['#f2cba8', '#e3b08a', '#cf9a70', '#b47c55', '#96603f', '#7d4e33'];
const HAIR = ['#1b1411', '#2a1d16', '#3d2b20', '#4a3426'];
const GREY = ['#a7a4a0', '#c8c5c0', '#8f8b86'];
const CLOTHES = ['#2f6f8f', '#b5523b', '#5b8c5a', '#8a5a9e', '#c98a1e', '#3d5a80', '#a23b5a', '#49796b'];
const HIJAB = ['#7a4e7e', '#2f5d62', '#b06a4c', '#5a6fa8', '#9c3d54', '#6b7b3a', '#c0876a'];
const BACKGROUND = ['#e6f0f7', '#f6ecd9', '#e6f3e6', '#f7e4e8', '#ebe7f6', '#f3efe0'];

const pick = <T>(list: readonly T[], n: number) => list[Math.abs(n) % list.length];

/** Darkens a #rrggbb colour by a fraction (for shading the neck and ears). */
function shade(hex: string, by: number) {
  const n = parseInt(hex.slice(1), 16);
  const channel = (shift: number) => Math.round(((n >> shift) & 255) * (1 - by));
  return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('')}`;
}

/** The portrait as SVG text (200 × 200). */
export function portraitSvg({ sex, older, variant }: PortraitTraits) {
  const v = Math.abs(Math.floor(variant));
  const skin = pick(SKIN, v);
  const hair = older ? pick(GREY, v >> 1) : pick(HAIR, v >> 1);
  const clothes = pick(CLOTHES, v >> 2);
  const background = pick(BACKGROUND, v >> 3);
  // Many Indonesian women wear a hijab; about half of the drawn women do.
  const hijab = sex === 'female' && (v >> 4) % 2 === 0;
  const hijabColour = pick(HIJAB, v >> 5);
  const glasses = older && (v >> 6) % 2 === 0;
  const peci = sex === 'male' && older && (v >> 7) % 2 === 0;
  const style = (v >> 8) % 3;
  const parts: string[] = [`<rect width="200" height="200" fill="${background}"/>`];

  // Behind the head: long hair, or the hijab's drape over the shoulders.
  if (hijab) parts.push(`<path d="M38 200 C36 120 52 40 100 38 C148 40 164 120 162 200 Z" fill="${hijabColour}"/>`);
  else if (sex === 'female' && style !== 2)
    parts.push(
      `<path d="M52 86 C48 40 152 40 148 86 L154 ${style === 0 ? 150 : 128} L46 ${style === 0 ? 150 : 128} Z" fill="${hair}"/>`,
    );

  // Shoulders and clothing, then the neck.
  parts.push(`<path d="M18 200 C20 156 58 138 100 138 C142 138 180 156 182 200 Z" fill="${clothes}"/>`);
  if (!hijab) {
    parts.push(`<rect x="86" y="112" width="28" height="34" rx="8" fill="${shade(skin, 0.12)}"/>`);
    parts.push(
      sex === 'male'
        ? `<path d="M84 140 L100 162 L116 140" fill="none" stroke="${shade(clothes, 0.3)}" stroke-width="5" stroke-linejoin="round"/>`
        : `<path d="M80 142 C88 156 112 156 120 142" fill="none" stroke="${shade(clothes, 0.3)}" stroke-width="5"/>`,
    );
  } else {
    parts.push(
      `<path d="M62 120 C70 150 130 150 138 120 L150 176 C130 170 70 170 50 176 Z" fill="${shade(hijabColour, 0.12)}"/>`,
    );
  }

  // The head and ears.
  if (!hijab) {
    parts.push(`<ellipse cx="62" cy="92" rx="7" ry="11" fill="${shade(skin, 0.08)}"/>`);
    parts.push(`<ellipse cx="138" cy="92" rx="7" ry="11" fill="${shade(skin, 0.08)}"/>`);
  }
  parts.push(`<ellipse cx="100" cy="88" rx="${hijab ? 33 : 38}" ry="${hijab ? 40 : 45}" fill="${skin}"/>`);

  // Hair in front, the hijab's frame around the face, or a peci.
  if (hijab) {
    parts.push(
      `<path d="M58 96 C56 50 80 36 100 36 C120 36 144 50 142 96 C136 64 122 52 100 52 C78 52 64 64 58 96 Z" fill="${hijabColour}"/>`,
    );
  } else if (sex === 'female') {
    parts.push(`<path d="M60 80 C62 40 138 40 140 80 C128 66 108 58 80 62 C72 66 66 72 60 80 Z" fill="${hair}"/>`);
    if (style === 2) parts.push(`<circle cx="100" cy="38" r="15" fill="${hair}"/>`);
  } else if (peci) {
    parts.push(`<path d="M64 62 C64 40 136 40 136 62 L136 70 L64 70 Z" fill="#1f1f24"/>`);
    parts.push(
      `<path d="M62 76 C62 70 66 68 70 70 L70 84 L62 84 Z M138 76 C138 70 134 68 130 70 L130 84 L138 84 Z" fill="${hair}"/>`,
    );
  } else {
    const top =
      style === 1
        ? 'C70 32 130 32 138 74 C126 58 110 54 100 56 C88 54 74 58 62 74'
        : 'C64 40 136 40 138 74 C124 62 76 62 62 74';
    parts.push(`<path d="M62 74 ${top} Z" fill="${hair}"/>`);
  }

  // The face: brows, eyes, nose and a smile.
  const brow = older ? shade(hair, 0.2) : hair;
  parts.push(
    `<path d="M76 78 Q86 72 94 77 M106 77 Q114 72 124 78" fill="none" stroke="${brow}" stroke-width="3.5" stroke-linecap="round"/>`,
    `<ellipse cx="86" cy="90" rx="4.5" ry="5" fill="#2a1c14"/>`,
    `<ellipse cx="114" cy="90" rx="4.5" ry="5" fill="#2a1c14"/>`,
    `<path d="M100 94 Q96 106 101 108" fill="none" stroke="${shade(skin, 0.3)}" stroke-width="3" stroke-linecap="round"/>`,
    `<path d="M86 116 Q100 128 114 116" fill="none" stroke="#8a3b34" stroke-width="4" stroke-linecap="round"/>`,
  );
  if (glasses)
    parts.push(
      `<g fill="none" stroke="#4b4b50" stroke-width="3"><circle cx="86" cy="90" r="11"/><circle cx="114" cy="90" r="11"/><path d="M97 90 L103 90"/></g>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">${parts.join('')}</svg>`;
}

/** The portrait as a PNG file (192 × 192 pixels: sharp on a door tablet's screen at 56 px). */
export async function portraitPng(traits: PortraitTraits): Promise<Buffer> {
  return sharp(Buffer.from(portraitSvg(traits)))
    .resize(192, 192)
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
}
