// The JSON text columns, each read and written through one zod codec: a value is checked when it
// is read, and the fallback for an empty column is decided here, once, not at every call site.
import { z } from 'zod';
import { DEFAULT_RATIO_RULES } from './attendance/rules';
import { WEEKDAYS } from './time/time';

function jsonColumn<S extends z.ZodTypeAny>(schema: S) {
  return {
    parse: (text: string): z.output<S> => schema.parse(JSON.parse(text)),
    stringify: (value: z.input<S>): string => JSON.stringify(schema.parse(value)),
  };
}

const weekdays = z.array(z.enum(WEEKDAYS));
const hours = z.tuple([z.string(), z.string()]).nullable();

/** centers.opening_hours: { mon: ['07:00', '17:00'] | null, … } */
export const openingHoursColumn = jsonColumn(
  z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, hours])) as Record<(typeof WEEKDAYS)[number], typeof hours>),
);

const ratioRules = z.array(z.object({ maxMonths: z.number().int(), children: z.number().int().positive() })).min(1);
/** centers.ratio_rules: the coordinator's age bands; null until confirmed, the defaults apply meanwhile. */
export const ratioRulesColumn = {
  parse: (text: string | null) => (text === null ? DEFAULT_RATIO_RULES : ratioRules.parse(JSON.parse(text))),
  stringify: (rules: z.input<typeof ratioRules>) => JSON.stringify(ratioRules.parse(rules)),
};

/** children.schedule_days: the weekdays a child comes; no schedule is no days. */
export const scheduleDaysColumn = {
  parse: (text: string | null) => (text === null ? [] : weekdays.parse(JSON.parse(text))),
  stringify: (days: z.input<typeof weekdays>) => JSON.stringify(weekdays.parse(days)),
};

const formValues = z.record(z.union([z.string(), z.array(z.string())]));
export type FormValues = z.output<typeof formValues>;
/** applications.form: everything the family typed, kept as typed (strings, or arrays of strings for checkbox groups). */
export const applicationFormColumn = jsonColumn(formValues);

/** follow_ups.detail for absences: the expected days that were missed. */
export const missedDaysColumn = {
  parse: (text: string | null) => (text === null ? [] : z.array(z.string()).parse(JSON.parse(text))),
  stringify: (days: string[]) => JSON.stringify(days),
};

/** audit_log.changes: { field: [before, after] }. */
export const auditChangesColumn = jsonColumn(z.record(z.tuple([z.unknown(), z.unknown()])));
