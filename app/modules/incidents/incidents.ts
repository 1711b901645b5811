// Incidents at the center (an injury, a fall, a bite, an illness, marks seen at arrival, a refused
// pickup): the form's schema, shared by the action and the page, and the pure rules — when an
// unsigned incident is overdue, how a local date and time in the center's zone becomes an instant.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { INCIDENT_KINDS, type IncidentSource } from '~db/schema';
import { msg, optionalText, text } from '../forms/fields';

export { INCIDENT_KINDS };

/** What started a record: the form itself, the door's arrival check, a refused pickup. */
export const INCIDENT_SOURCES = [
  'manual',
  'arrival_check',
  'refused_pickup',
] as const satisfies readonly IncidentSource[];

/** How staff told the guardian themselves (the email from Asuh goes anyway). */
export const INFORMED_HOW = ['in_person', 'phone', 'message'] as const;
export type InformedHow = (typeof INFORMED_HOW)[number];

/** An incident the guardians have not signed this long after it was recorded is listed for the coordinator. */
export const SIGN_OFF_HOURS = 24;

/** How far back an incident may be recorded (a late record is better than none, a year-old one is a typo). */
export const RECORD_BACK_DAYS = 31;

/** 'YYYY-MM-DDTHH:MM', as a datetime-local input posts it. */
const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A local date and time typed in the center's zone, as a UTC instant; null when it is no real moment. */
export function localInputToUtc(value: string, zone: string): string | null {
  if (!LOCAL_MINUTE.test(value)) return null;
  const dt = DateTime.fromISO(value, { zone });
  // A time that does not exist in the zone (none do in Indonesia) or a date like 2026-02-30.
  if (!dt.isValid || dt.toFormat("yyyy-MM-dd'T'HH:mm") !== value) return null;
  return dt.toUTC().toISO();
}

/** An instant as a datetime-local input shows it, in the center's zone. */
export const utcToLocalInput = (iso: string, zone: string) =>
  DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");

const isMoment = (v: string | null): v is string => v !== null && LOCAL_MINUTE.test(v) && DateTime.fromISO(v).isValid;

const localMoment = (required: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => !required || v !== null, msg('required'))
    .refine((v) => v === null || isMoment(v), msg('dateTime'));

/** Now, in the center's zone, as a datetime-local input writes it. */
export const localNow = (zone: string, at: Date = new Date()) =>
  DateTime.fromJSDate(at).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");

/**
 * The form, checked against "now" in the center's zone (read when a form is checked, so a page
 * left open stays right): it happened neither in the future nor more than RECORD_BACK_DAYS ago;
 * the guardian was told after it happened and not in the future, and a way of telling goes with
 * its time.
 */
export function incidentSchema(nowLocal: () => string) {
  return z
    .object({
      child_id: z
        .string({ required_error: msg('chooseChild') })
        .min(1, msg('chooseChild'))
        .max(64),
      kind: z.enum(INCIDENT_KINDS),
      occurred_at: localMoment(true),
      location: text(200),
      description: text(2000),
      people_present: text(500),
      first_aid: text(1000),
      guardian_informed_how: z
        .union([z.enum(INFORMED_HOW), z.literal('')])
        .optional()
        .transform((v) => v || null),
      guardian_informed_at: localMoment(false),
      source: z.enum(INCIDENT_SOURCES).optional().default('manual'),
      source_id: optionalText(64),
    })
    .superRefine((v, ctx) => {
      const now = nowLocal();
      const earliest = DateTime.fromISO(now).minus({ days: RECORD_BACK_DAYS }).toFormat("yyyy-MM-dd'T'HH:mm");
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      // A time that is no real moment has its own message already.
      const occurred = isMoment(v.occurred_at) ? v.occurred_at : null;
      const informed = isMoment(v.guardian_informed_at) ? v.guardian_informed_at : null;
      if (occurred && occurred > now) issue('occurred_at', msg('incidentInFuture'));
      else if (occurred && occurred < earliest) issue('occurred_at', msg('incidentTooOld', { days: RECORD_BACK_DAYS }));
      if (informed) {
        if (informed > now) issue('guardian_informed_at', msg('incidentInFuture'));
        else if (occurred && informed < occurred) issue('guardian_informed_at', msg('informedBeforeIncident'));
      }
      if (v.guardian_informed_at && !v.guardian_informed_how)
        issue('guardian_informed_how', msg('informedHowRequired'));
      else if (!v.guardian_informed_at && v.guardian_informed_how) issue('guardian_informed_at', msg('required'));
      if (v.source !== 'manual' && !v.source_id) issue('source', msg('invalid'));
    });
}
export type IncidentInput = z.output<ReturnType<typeof incidentSchema>>;

/** The guardian's sign-off: that they have read it, and what they want to add. */
export const SignOffSchema = z.object({
  intent: z.literal('sign-off'),
  comment: optionalText(1000),
});

/** Unsigned and recorded at least SIGN_OFF_HOURS before `now`: the coordinator follows it up. */
export function signOffOverdue(incident: { signed_off_at: string | null; created_at: string }, now: Date) {
  return (
    incident.signed_off_at === null && Date.parse(incident.created_at) <= now.getTime() - SIGN_OFF_HOURS * 3_600_000
  );
}

/** The instant before which an unsigned incident is overdue. */
export const overdueBefore = (now: Date) => new Date(now.getTime() - SIGN_OFF_HOURS * 3_600_000).toISOString();

/** The list's filters from the URL: a month 'YYYY-MM' and a child id; anything else is no filter. */
export function parseIncidentFilters(params: URLSearchParams, childIds: ReadonlySet<string>) {
  const month = (params.get('month') ?? '').trim();
  const child = (params.get('child') ?? '').trim();
  return {
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : '',
    child: childIds.has(child) ? child : '',
  };
}
