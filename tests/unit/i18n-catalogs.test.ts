import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, createI18n } from '~/i18n/i18n';

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(tsx?|json)$/.test(e.name) && !e.name.endsWith('.json') ? [p] : [];
  });
}

describe('translation catalogs', () => {
  it('have exactly the same keys in Bahasa Indonesia and English', () => {
    expect(keys(catalogs.en).sort()).toEqual(keys(catalogs.id).sort());
  });

  it('have no empty messages', () => {
    for (const [lng, catalog] of Object.entries(catalogs)) {
      const i18n = createI18n(lng as 'id' | 'en');
      for (const key of keys(catalog)) expect(i18n.t(key), `${lng}:${key}`).not.toBe('');
    }
  });

  it('contain every literal key the code uses', () => {
    const known = new Set(keys(catalogs.id).map((k) => k.replace(/_(one|other)$/, '')));
    const used = new Set<string>();
    for (const file of sourceFiles('app')) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of source.matchAll(/\bmsg\('([a-zA-Z]+)'/g)) used.add(`errors.${m[1]}`);
      for (const m of source.matchAll(/'(errors\.[a-zA-Z]+)[?']/g)) used.add(m[1]);
      for (const m of source.matchAll(/setFlash\(\w+, '([a-zA-Z.]+)'\)/g)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !known.has(k));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
