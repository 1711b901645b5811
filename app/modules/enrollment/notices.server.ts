// What the family hears by email about their application: that it arrived (with their private
// link), an offer (with its last day), the day before that last day, and the enrolment. Each is
// written in the transaction of its cause, to the address on the form, when there is one.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import type { DB, Language } from '~db/schema';
import { formatLongDate } from '~/i18n/format';
import { DEFAULT_LANGUAGE, isLang } from '~/i18n/i18n';
import { publicUrl } from '../notifications/mail-config.server';
import { notify } from '../notifications/outbox.server';
import { localDate } from '../time/time';

type AppRef = { id: string; center_id: string; primary_email: string | null };

const receivedKey = (applicationId: string) => `application_received:${applicationId}`;

/** Submitted: the family's private link, in the language they filled the form in. */
export async function applicationReceivedNotice(
  trx: Kysely<DB>,
  {
    app,
    token,
    reference,
    childName,
    language,
  }: { app: AppRef; token: string; reference: string; childName: string; language: Language },
) {
  if (!app.primary_email) return 0;
  const center = await centerName(trx, app.center_id);
  return notify(trx, {
    kind: 'application_received',
    centerId: app.center_id,
    to: [{ email: app.primary_email, language }],
    params: { child: childName, center, reference, link: publicUrl(`/applications/${token}`) },
    dedupeKey: receivedKey(app.id),
  });
}

/**
 * The family's address and language: the language of the first email they got (the one that
 * confirmed their application, written in the language of the form they sent). notify() keys that
 * row `<dedupeKey>:<address>`.
 */
async function family(trx: Kysely<DB>, app: AppRef) {
  if (!app.primary_email) return null;
  const first = await trx
    .selectFrom('outbox')
    .select('language')
    .where('dedupe_key', '=', `${receivedKey(app.id)}:${app.primary_email}`)
    .executeTakeFirst();
  const language: Language = isLang(first?.language) ? first.language : DEFAULT_LANGUAGE;
  return { email: app.primary_email, language };
}

async function centerName(trx: Kysely<DB>, centerId: string) {
  const center = await trx.selectFrom('centers').select('name').where('id', '=', centerId).executeTakeFirstOrThrow();
  return center.name;
}

async function details(trx: Kysely<DB>, app: AppRef) {
  const row = await trx
    .selectFrom('applications')
    .innerJoin('centers', 'centers.id', 'applications.center_id')
    .leftJoin('classrooms', 'classrooms.id', 'applications.classroom_id')
    .select([
      'applications.reference_code',
      'applications.child_full_name',
      'applications.offer_expires_on',
      'applications.preferred_start_date',
      'centers.name as center',
      'classrooms.name as classroom',
    ])
    .where('applications.id', '=', app.id)
    .where('applications.center_id', '=', app.center_id)
    .executeTakeFirstOrThrow();
  return {
    params: {
      child: row.child_full_name ?? '',
      center: row.center,
      reference: row.reference_code ?? '',
      classroom: row.classroom ?? '',
    },
    expiresOn: row.offer_expires_on,
    startsOn: row.preferred_start_date,
  };
}

/** Offered a place: the classroom and the offer's last day, written in the family's language. */
export async function offerMadeNotice(trx: Kysely<DB>, app: AppRef) {
  const to = await family(trx, app);
  if (!to) return 0;
  const { params, expiresOn } = await details(trx, app);
  return notify(trx, {
    kind: 'offer_made',
    centerId: app.center_id,
    to: [to],
    params: (language) => ({ ...params, expires: expiresOn ? formatLongDate(expiresOn, language) : '' }),
  });
}

/** Enrolled: the child's classroom and first day; each guardian's invitation goes separately. */
export async function enrolledNotice(trx: Kysely<DB>, app: AppRef) {
  const to = await family(trx, app);
  if (!to) return 0;
  const { params, startsOn } = await details(trx, app);
  return notify(trx, {
    kind: 'enrolled',
    centerId: app.center_id,
    to: [to],
    params: (language) => ({ ...params, start: startsOn ? formatLongDate(startsOn, language) : '' }),
  });
}

/**
 * The `remind-offers` job: families whose offer's last day is tomorrow (in the center's zone) are
 * reminded, once (the job runs every hour; the key is per offer and last day). Returns how many.
 */
export async function remindExpiringOffers({ now = new Date() }: { now?: Date } = {}) {
  const db = getDb();
  const offers = await db
    .selectFrom('applications')
    .innerJoin('centers', 'centers.id', 'applications.center_id')
    .select([
      'applications.id',
      'applications.center_id',
      'applications.primary_email',
      'applications.offer_expires_on',
      'centers.time_zone',
    ])
    .where('applications.status', '=', 'offered')
    .where('applications.primary_email', 'is not', null)
    .where('applications.offer_expires_on', 'is not', null)
    .execute();
  let reminded = 0;
  for (const offer of offers) {
    const tomorrow = DateTime.fromISO(localDate(offer.time_zone, now)).plus({ days: 1 }).toISODate();
    if (offer.offer_expires_on !== tomorrow) continue;
    reminded += await db.transaction().execute(async (trx) => {
      // Still offered (the family may have answered since the list was read).
      const still = await trx
        .selectFrom('applications')
        .select('id')
        .where('id', '=', offer.id)
        .where('status', '=', 'offered')
        .executeTakeFirst();
      const to = still && (await family(trx, offer));
      if (!to) return 0;
      const { params } = await details(trx, offer);
      return notify(trx, {
        kind: 'offer_expiring',
        centerId: offer.center_id,
        to: [to],
        params: (language) => ({ ...params, expires: formatLongDate(offer.offer_expires_on!, language) }),
        dedupeKey: `offer_expiring:${offer.id}:${offer.offer_expires_on}`,
      });
    });
  }
  return reminded;
}
