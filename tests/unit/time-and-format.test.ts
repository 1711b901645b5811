import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  formatAge,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMonth,
  formatNumber,
  formatTime,
  formatTimestamp,
} from '~/i18n/format';
import { createI18n } from '~/i18n/catalogs.server';
import { ageInMonths, localDate } from '~/modules/time/time';

describe('local dates follow the center, not the server', () => {
  // 16:30 UTC is 23:30 in Jakarta, 00:30 next day in Makassar, 01:30 in Jayapura.
  const instant = '2026-11-30T16:30:00.000Z';
  it.each([
    ['Asia/Jakarta', '2026-11-30'],
    ['Asia/Makassar', '2026-12-01'],
    ['Asia/Jayapura', '2026-12-01'],
  ])('%s', (zone, date) => {
    expect(localDate(zone, instant)).toBe(date);
  });
});

describe('ageInMonths', () => {
  it('counts whole months', () => {
    expect(ageInMonths('2024-01-31', '2024-02-29')).toBe(0);
    expect(ageInMonths('2024-01-15', '2026-01-15')).toBe(24);
    expect(ageInMonths('2024-01-15', '2026-01-14')).toBe(23);
  });
});

describe('formatting follows the language', () => {
  it('writes long dates in Indonesian and English', () => {
    expect(formatLongDate('2026-12-01', 'id')).toBe('Selasa, 1 Desember 2026');
    expect(formatLongDate('2026-12-07', 'id')).toBe('Senin, 7 Desember 2026');
    expect(formatLongDate('2026-12-01', 'en')).toBe('Tuesday, 1 December 2026');
  });
  it('shows instants in the center zone', () => {
    expect(formatDateTime('2026-11-30T16:30:00.000Z', 'id', 'Asia/Jayapura')).toContain('01.30');
  });
  it('names the month', () => {
    expect(formatMonth('2026-11', 'id')).toBe('November 2026');
    expect(formatMonth('2026-08', 'id')).toBe('Agustus 2026');
    expect(formatMonth('2026-08', 'en')).toBe('August 2026');
  });

  it('writes instants exactly as luxon does, with formatters made once', () => {
    for (const lng of ['id', 'en'] as const) {
      for (const zone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
        for (let i = 0; i < 50; i++) {
          const iso = new Date(Date.UTC(2026, 0, 1) + i * 7_654_321_000).toISOString();
          const luxon = DateTime.fromISO(iso, { zone: 'utc' })
            .setZone(zone)
            .setLocale(lng === 'id' ? 'id-ID' : 'en-GB');
          // Times and dates as luxon wrote them before the browser stopped carrying it (Intl does the job).
          expect(formatTime(iso, lng, zone)).toBe(luxon.toLocaleString(DateTime.TIME_24_SIMPLE));
          const date = luxon.toISODate()!;
          const local = DateTime.fromISO(date).setLocale(lng === 'id' ? 'id-ID' : 'en-GB');
          expect(formatLongDate(date, lng)).toBe(
            local.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
          );
          expect(formatDate(date, lng)).toBe(local.toLocaleString({ day: 'numeric', month: 'short', year: 'numeric' }));
          expect(formatMonth(date.slice(0, 7), lng)).toBe(local.toLocaleString({ month: 'long', year: 'numeric' }));
          expect(formatDateTime(iso, lng, zone)).toBe(
            luxon.toLocaleString({
              day: 'numeric',
              month: 'short',
              year: 'numeric',
              hour: '2-digit',
              minute: '2-digit',
            }),
          );
        }
      }
    }
    // Not an instant: shown as it came rather than as a wrong date.
    expect(formatDateTime('kemarin', 'id', 'Asia/Jakarta')).toBe('kemarin');
  });

  it('writes sortable local timestamps for files', () => {
    expect(formatTimestamp('2026-11-30T16:30:05.000Z', 'Asia/Jayapura')).toBe('2026-12-01 01:30:05');
    expect(formatTimestamp('2026-11-30T16:00:00.000Z', 'Asia/Jakarta')).toBe('2026-11-30 23:00:00');
  });
  it('uses the decimal comma in Indonesian', () => {
    expect(formatNumber(1234.5, 'id')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });
});

describe('ages', () => {
  const en = createI18n('en').t;
  const id = createI18n('id').t;
  it('names only the parts there are, in the right number', () => {
    expect(formatAge(en, 15)).toBe('1 year 3 months');
    expect(formatAge(en, 9)).toBe('9 months');
    expect(formatAge(en, 1)).toBe('1 month');
    expect(formatAge(en, 24)).toBe('2 years');
    expect(formatAge(en, 0)).toBe('0 months');
    expect(formatAge(id, 15)).toBe('1 tahun 3 bulan');
    expect(formatAge(id, 9)).toBe('9 bulan');
  });
  it('has a short form for tables and the door screen', () => {
    expect(formatAge(en, 15, 'short')).toBe('1 y 3 mo');
    expect(formatAge(id, 15, 'short')).toBe('1 th 3 bl');
    expect(formatAge(id, 27, 'short')).toBe('2 th 3 bl');
  });
  it('gives only the months under a year in the short form', () => {
    expect(formatAge(id, 9, 'short')).toBe('9 bln');
    expect(formatAge(en, 9, 'short')).toBe('9 mo');
    expect(formatAge(id, 0, 'short')).toBe('0 bln');
  });
});
