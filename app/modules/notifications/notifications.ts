// What Asuh tells people by email. Each kind has its subject and text in both catalogs
// (mail.<kind>.subject, mail.<kind>.body); people may turn off the kinds that are not essential.
export const NOTIFICATION_KINDS = [
  'message',
  'announcement',
  'daily_summary',
  'arrival_health',
  'refused_pickup',
  'incident',
  'application_received',
  'offer_made',
  'offer_expiring',
  'enrolled',
  'invitation',
  'password_reset',
  'home_activity',
  'check_expiring',
  'licence_expiring',
  'welfare_concern',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Sent whatever the person chose: a link they asked for, or a child's safety. */
export const ALWAYS_SENT: readonly NotificationKind[] = [
  'invitation',
  'password_reset',
  'arrival_health',
  'refused_pickup',
  'incident',
  // A check or licence about to expire: the ratio and the center's standing depend on it.
  'check_expiring',
  'licence_expiring',
  'welfare_concern',
];

/** The kinds a person can turn off, in the order the account page lists them. */
export const OPTIONAL_KINDS = NOTIFICATION_KINDS.filter((k) => !ALWAYS_SENT.includes(k));

/** Is this moment inside a center's quiet hours ('HH:MM' local, possibly across midnight)? */
export function inQuietHours(localTime: string, quiet: { start: string | null; end: string | null }) {
  if (!quiet.start || !quiet.end || quiet.start === quiet.end) return false;
  return quiet.start < quiet.end
    ? localTime >= quiet.start && localTime < quiet.end
    : localTime >= quiet.start || localTime < quiet.end;
}
