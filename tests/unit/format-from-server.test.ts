import { afterEach, describe, expect, it, vi } from 'vitest';

// The browser reuses the dates and numbers the server formatted for the page (i18n/format.ts):
// its first Intl formatter would cost a cheap phone ~25 ms, and the text must be the server's.
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('formatting shared by the server and the browser', () => {
  it('records what a page’s render formats, as JSON safe in a script element', async () => {
    const format = await import('~/i18n/format');
    const page = new Map<string, string>();
    let rendering = true;
    format.recordFormatted(() => (rendering ? page : undefined));
    expect(format.formatLongDate('2026-12-01', 'id')).toBe('Selasa, 1 Desember 2026');
    expect(format.formatTime('2026-12-01T00:42:00Z', 'en', 'Asia/Jakarta')).toBe('07:42');
    expect(format.formatNumber(37.5, 'id')).toBe('37,5');
    rendering = false;
    // Outside a page's render (emails, exports) nothing is recorded.
    format.formatDate('2026-12-02', 'en');
    expect(Object.fromEntries(page)).toEqual({
      'long id 2026-12-01': 'Selasa, 1 Desember 2026',
      'time en Asia/Jakarta 2026-12-01T00:42:00Z': '07:42',
      'number id 1 37.5': '37,5',
    });
    rendering = true;
    page.clear();
    page.set('x', '</script><script>alert(1)</script>');
    expect(format.formattedJson()).toBe('{"x":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}');
    format.recordFormatted(() => undefined);
  });

  it('gives the server’s text in the browser, and formats what the server did not', async () => {
    const fromServer = {
      'long id 2026-12-01': 'as the server wrote it',
      'time id Asia/Jakarta 2026-12-01T00:42:00Z': '07.42',
    };
    const getElementById = vi.fn((id: string) =>
      id === 'asuh-formatted' ? { textContent: JSON.stringify(fromServer) } : null,
    );
    vi.stubGlobal('document', { getElementById });
    const format = await import('~/i18n/format');
    expect(format.formatLongDate('2026-12-01', 'id')).toBe('as the server wrote it');
    expect(format.formatTime('2026-12-01T00:42:00Z', 'id', 'Asia/Jakarta')).toBe('07.42');
    expect(format.formatLongDate('2026-12-02', 'id')).toBe('Rabu, 2 Desember 2026');
    // The page's element is read once.
    expect(getElementById).toHaveBeenCalledTimes(1);
  });
});
