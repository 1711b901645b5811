import type { Lang, Translate } from './i18n';

// Dates and numbers follow the language: 'Selasa, 1 Desember 2026' / 'Tuesday 1 December 2026'.
const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

export const locale = (lng: Lang) => LOCALES[lng];

// Making an Intl formatter costs far more than using one, and a long list or an export formats
// thousands of values: formatters are kept per language, zone and precision.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

// The browser's first Intl formatter costs ~25 ms of a cheap phone's time (ICU's locale data, once
// per page), and while hydrating its text must be the server's anyway: the server sends what it
// formatted for the page (the script element FormattedOnServer renders in root.tsx), and the
// browser reuses it instead of formatting again.
type Formatted = Map<string, string>;
export const FORMATTED_ID = 'asuh-formatted';
/** The texts formatted for the page being rendered on the server (set by entry.server.tsx). */
let recording: () => Formatted | undefined = () => undefined;
let fromServer: Formatted | undefined;

export function recordFormatted(current: () => Formatted | undefined) {
  recording = current;
}

/** What the server formatted for the page being rendered, as JSON safe in a script element. */
export function formattedJson() {
  return JSON.stringify(Object.fromEntries(recording() ?? [])).replace(/</g, '\\u003c');
}

function remembered(key: string, format: () => string) {
  if (!fromServer) {
    const json = typeof document === 'undefined' ? null : document.getElementById(FORMATTED_ID)?.textContent;
    fromServer = new Map(json ? Object.entries(JSON.parse(json) as Record<string, string>) : []);
  }
  let text = fromServer.get(key);
  if (text === undefined) {
    text = format();
    recording()?.set(key, text);
  }
  return text;
}

/** Noon UTC of a local date ('YYYY-MM-DD', or 'YYYY-MM' for its first day): formatted in UTC it is that date. */
const dateOnly = (date: string) => new Date(`${date.length === 7 ? `${date}-01` : date.slice(0, 10)}T12:00:00Z`);

function formatLocalDate(date: string, lng: Lang, style: 'long' | 'medium' | 'month') {
  return remembered(`${style} ${lng} ${date}`, () => formatLocalDateNow(date, lng, style));
}

function formatLocalDateNow(date: string, lng: Lang, style: 'long' | 'medium' | 'month') {
  const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
    long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    medium: { day: 'numeric', month: 'short', year: 'numeric' },
    month: { month: 'long', year: 'numeric' },
  };
  return cached(
    `date ${lng} ${style}`,
    () => new Intl.DateTimeFormat(LOCALES[lng], { ...options[style], timeZone: 'UTC' }),
  ).format(dateOnly(date));
}

/** A local date ('YYYY-MM-DD'), written out in full. */
export const formatLongDate = (date: string, lng: Lang) => formatLocalDate(date, lng, 'long');
/** A month ('YYYY-MM') by its name: 'November 2026'. */
export const formatMonth = (month: string, lng: Lang) => formatLocalDate(month, lng, 'month');
export const formatDate = (date: string, lng: Lang) => formatLocalDate(date, lng, 'medium');

/** An instant shown in the center's zone, e.g. '29 Nov 2026 20.15'. */
export function formatDateTime(iso: string, lng: Lang, zone: string) {
  return remembered(`dateTime ${lng} ${zone} ${iso}`, () => formatDateTimeNow(iso, lng, zone));
}

function formatDateTimeNow(iso: string, lng: Lang, zone: string) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const options = {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  } as const;
  return cached(`dateTime ${lng} ${zone}`, () => new Intl.DateTimeFormat(LOCALES[lng], options)).format(at);
}

/** An instant in a zone as 'YYYY-MM-DD HH:mm:ss', whatever the language: for files that are sorted and read by programs. */
export function formatTimestamp(iso: string, zone: string) {
  const options = {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  } as const;
  const parts = cached(`timestamp ${zone}`, () => new Intl.DateTimeFormat('en-GB', options)).formatToParts(
    new Date(iso),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

export function formatNumber(value: number, lng: Lang, maximumFractionDigits = 1) {
  return remembered(`number ${lng} ${maximumFractionDigits} ${value}`, () =>
    formatNumberNow(value, lng, maximumFractionDigits),
  );
}

function formatNumberNow(value: number, lng: Lang, maximumFractionDigits: number) {
  return cached(
    `number ${lng} ${maximumFractionDigits}`,
    () => new Intl.NumberFormat(LOCALES[lng], { maximumFractionDigits }),
  ).format(value);
}

/** An instant as a time of day in the center's zone, e.g. '07.42' / '07:42'. */
export function formatTime(iso: string, lng: Lang, zone: string) {
  return remembered(`time ${lng} ${zone} ${iso}`, () => formatTimeNow(iso, lng, zone));
}

function formatTimeNow(iso: string, lng: Lang, zone: string) {
  const options = { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  return cached(`time ${lng} ${zone}`, () => new Intl.DateTimeFormat(LOCALES[lng], options)).format(new Date(iso));
}

/** An age in whole months: '1 year 3 months', '9 months' / '1 tahun 3 bulan'; short: '1 y 3 mo', '9 mo' / '1 th 3 bl', '9 bln'. */
export function formatAge(t: Translate, ageMonths: number, style: 'long' | 'short' = 'long') {
  const years = Math.floor(ageMonths / 12);
  const months = ageMonths % 12;
  if (style === 'short')
    return years > 0 ? t('child.ageShort', { years, months }) : t('child.ageShortMonths', { months });
  const parts = [
    years > 0 ? t('child.ageYears', { count: years }) : '',
    months > 0 || years === 0 ? t('child.ageMonths', { count: months }) : '',
  ];
  return parts.filter(Boolean).join(' ');
}
