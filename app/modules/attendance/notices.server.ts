// What the door tells people by email, in the transaction of the tap: a child arriving with a
// fever or with marks seen (to the child's guardians), and a refused pickup (to the center's
// coordinators and the child's guardians). Both are urgent: quiet hours do not hold them.
import type { Kysely } from 'kysely';
import type { DB, Language } from '~db/schema';
import { formatNumber, formatTime } from '~/i18n/format';
import { translatorFor } from '~/i18n/catalogs.server';
import { publicUrl } from '../notifications/mail-config.server';
import { notify } from '../notifications/outbox.server';
import { hasFever } from './rules';

async function childAndCenter(trx: Kysely<DB>, { centerId, childId }: { centerId: string; childId: string }) {
  const row = await trx
    .selectFrom('children')
    .innerJoin('centers', 'centers.id', 'children.center_id')
    .select(['children.full_name', 'children.nickname', 'centers.name as center', 'centers.time_zone'])
    .where('children.id', '=', childId)
    .where('children.center_id', '=', centerId)
    .executeTakeFirstOrThrow();
  const guardians = await trx
    .selectFrom('guardians')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .select('guardians.user_id')
    .where('guardians.child_id', '=', childId)
    .where('children.center_id', '=', centerId)
    .execute();
  return { ...row, guardians: guardians.map((g) => ({ userId: g.user_id })) };
}

/** True when the arrival's health check should reach the family: a fever, or marks noted. */
export const arrivalNeedsNotice = (
  health: { temperatureTenths: number | null; marksNote: string | null } | undefined,
  feverThresholdTenths: number,
) => Boolean(health && (hasFever(health.temperatureTenths, feverThresholdTenths) || health.marksNote?.trim()));

export async function arrivalHealthNotice(
  trx: Kysely<DB>,
  {
    centerId,
    childId,
    attendanceId,
    at,
    temperatureTenths,
    feverThresholdTenths,
    marksNote,
  }: {
    centerId: string;
    childId: string;
    attendanceId: string;
    at: string;
    temperatureTenths: number | null;
    feverThresholdTenths: number;
    marksNote: string | null;
  },
) {
  const c = await childAndCenter(trx, { centerId, childId });
  return notify(trx, {
    kind: 'arrival_health',
    centerId,
    to: c.guardians,
    params: (lng) => {
      const t = translatorFor(lng);
      const details = [
        hasFever(temperatureTenths, feverThresholdTenths)
          ? t('mail.arrival_health.fever', {
              temperature: formatNumber(temperatureTenths! / 10, lng),
              threshold: formatNumber(feverThresholdTenths / 10, lng),
            })
          : null,
        marksNote?.trim() ? t('mail.arrival_health.marks', { marks: marksNote.trim() }) : null,
      ];
      return {
        child: c.full_name,
        center: c.center,
        time: formatTime(at, lng, c.time_zone),
        details: details.filter(Boolean).join('\n'),
        link: publicUrl('/family'),
      };
    },
    dedupeKey: `arrival_health:${attendanceId}`,
    urgent: true,
  });
}

/** Someone not on the list came for the child: the coordinators and the family hear of it at once. */
export async function refusedPickupNotice(
  trx: Kysely<DB>,
  {
    centerId,
    childId,
    actorId,
    personName,
    at,
  }: { centerId: string; childId: string; actorId: string; personName: string; at: string },
) {
  const c = await childAndCenter(trx, { centerId, childId });
  const [coordinators, actor] = await Promise.all([
    trx
      .selectFrom('memberships')
      .select('user_id')
      .where('center_id', '=', centerId)
      .where('role', '=', 'coordinator')
      .where('suspended_at', 'is', null)
      .execute(),
    trx.selectFrom('users').select('name').where('id', '=', actorId).executeTakeFirst(),
  ]);
  const params = (forStaff: boolean, path: string) => (lng: Language) => {
    const t = translatorFor(lng);
    return {
      child: c.full_name,
      center: c.center,
      person: personName,
      staff: actor?.name ?? '',
      time: formatTime(at, lng, c.time_zone),
      advice: forStaff ? t('mail.refused_pickup.forStaff') : t('mail.refused_pickup.forFamily'),
      link: publicUrl(path),
    };
  };
  // A double tap within the minute is one notice; a coordinator who is also a guardian gets one.
  const dedupeKey = `refused_pickup:${childId}:${at.slice(0, 16)}:${personName.trim().toLowerCase()}`;
  return (
    (await notify(trx, {
      kind: 'refused_pickup',
      centerId,
      to: coordinators.map((m) => ({ userId: m.user_id })),
      params: params(true, `/c/${centerId}/children/${childId}`),
      dedupeKey,
      urgent: true,
    })) +
    (await notify(trx, {
      kind: 'refused_pickup',
      centerId,
      to: c.guardians,
      params: params(false, '/family'),
      dedupeKey,
      urgent: true,
    }))
  );
}
