import { describe, expect, it } from 'vitest';
import { catalogs, createI18n, translatorFor } from '~/i18n/catalogs.server';
import { translateMessage } from '~/i18n/i18n';
import { makeTranslate } from '~/i18n/translate';

// The translator against the real catalogs: what i18next did for the features they use.
const en = translatorFor('en');
const id = translatorFor('id');

describe('the translator', () => {
  it('finds a message by its dotted key, in its own language', () => {
    expect(en('weekdays.mon')).toBe('Monday');
    expect(id('weekdays.mon')).toBe('Senin');
    expect(createI18n('en')).toMatchObject({ language: 'en' });
    expect(createI18n('id').t('weekdays.fri')).toBe('Jumat');
  });

  it('fills in values as written, unescaped (React escapes)', () => {
    expect(en('today.title', { room: 'Melati <b>&</b>' })).toBe('Attendance Melati <b>&</b>');
    expect(id('today.counts', { here: 3, expected: 0 })).toBe('3 hadir · 0 belum datang');
  });

  it('chooses plural forms by count with the language’s rules', () => {
    expect(en('child.ageMonths', { count: 1 })).toBe('1 month');
    expect(en('child.ageMonths', { count: 0 })).toBe('0 months');
    expect(en('child.ageMonths', { count: 11 })).toBe('11 months');
    expect(en('today.ratio', { staff: 1, count: 1, required: 1 })).toBe('1 staff for 1 child (needs 1)');
    expect(en('today.ratio', { staff: 2, count: 9, required: 2 })).toBe('2 staff for 9 children (needs 2)');
    // Bahasa Indonesia has one form ('other') whatever the count.
    expect(id('child.ageYears', { count: 1 })).toBe('1 tahun');
    expect(id('child.ageYears', { count: 4 })).toBe('4 tahun');
    // A key with no plural forms is used as it is.
    expect(id('today.ratioNoChildren', { count: 2 })).toBe('2 staf berjaga, belum ada anak.');
  });

  it('prefers a _zero form for a count of 0 when the catalog has one, then the plural forms, then the key', () => {
    const t = makeTranslate('en', { n: { a_zero: 'none', a_one: 'one', a_other: '{{count}}' }, b: 'plain {{count}}' });
    expect([t('n.a', { count: 0 }), t('n.a', { count: 1 }), t('n.a', { count: 5 })]).toEqual(['none', 'one', '5']);
    expect(t('b', { count: 3 })).toBe('plain 3');
    // A count written as a string is a value, not a count.
    expect(t('b', { count: '3' })).toBe('plain 3');
    expect(t('n.a', { count: '1' })).toBe('n.a');
  });

  it('gives the key itself for a message it does not have, or the default value when given', () => {
    expect(en('no.such.key')).toBe('no.such.key');
    expect(en('weekdays.mon.more')).toBe('weekdays.mon.more');
    // A subtree is not a message.
    expect(en('weekdays')).toBe('weekdays');
    // zod's own messages (no key) pass through as they are.
    expect(en('Expected string, received null')).toBe('Expected string, received null');
    expect(en('center.kind.unknown_kind', { defaultValue: 'unknown_kind' })).toBe('unknown_kind');
    expect(en('no.such', { defaultValue: 'at {{time}}', time: '07:30' })).toBe('at 07:30');
    expect(en('weekdays.tue', { defaultValue: 'never' })).toBe('Tuesday');
  });

  it('leaves a value that was not given in place, and writes nothing for undefined or null', () => {
    expect(en('today.title')).toBe('Attendance {{room}}');
    expect(en('today.title', { room: undefined })).toBe('Attendance ');
    expect(en('today.title', { room: null })).toBe('Attendance ');
  });

  it('resolves $t(…) references, with values inside their keys', () => {
    expect(translateMessage(en, 'errors.fitFull?day=wed&capacity=12')).toBe(
      'The classroom is full on Wednesdays (capacity 12).',
    );
    expect(translateMessage(id, 'errors.fitFull?day=mon&capacity=12')).toBe(
      'Kelas penuh pada hari Senin (kapasitas 12).',
    );
  });

  it('never reads again what a value brought in', () => {
    expect(en('today.title', { room: '{{count}} $t(weekdays.mon)', count: 2 })).toBe(
      'Attendance {{count}} $t(weekdays.mon)',
    );
    expect(translateMessage(en, 'errors.fitFull?day=wed&capacity=%24t(weekdays.mon)')).toBe(
      'The classroom is full on Wednesdays (capacity $t(weekdays.mon)).',
    );
  });

  it('is one function per language for the process', () => {
    expect(translatorFor('en')).toBe(en);
    expect(createI18n('id').t).toBe(id);
    expect(Object.keys(catalogs)).toEqual(['id', 'en']);
  });
});
