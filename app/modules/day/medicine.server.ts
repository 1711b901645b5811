// A guardian's written instruction to give their child medicine: staff log "medicine given" only
// against one in force that day. Given and revoked by the child's guardians, audited.
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { recordChange } from '../audit/audit.server';
import { publish } from '../live/bus.server';
import { childTopic, LIVE_TYPES } from '../live/topics';

export async function giveInstruction({
  centerId,
  childId,
  guardianId,
  instruction,
  now = new Date(),
}: {
  centerId: string;
  childId: string;
  guardianId: string;
  instruction: { medicine: string; dose: string; instructions: string | null; starts_on: string; ends_on: string };
  /** When it is given (the demo seed writes past days). */
  now?: Date;
}) {
  const row = {
    id: newId(),
    center_id: centerId,
    child_id: childId,
    guardian_id: guardianId,
    ...instruction,
    created_at: now.toISOString(),
    revoked_at: null,
  };
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('medicine_instructions').values(row).execute();
      await recordChange(trx, {
        actorId: guardianId,
        centerId,
        entity: 'medicine_instruction',
        entityId: row.id,
        after: row,
      });
      await publish(trx, { topic: childTopic(childId), type: LIVE_TYPES.medicine, data: {} });
    });
  return row.id;
}

/** Any guardian of the child may revoke an instruction (stopping a medicine is always safe to ask). */
export async function revokeInstruction({
  centerId,
  childId,
  guardianId,
  instructionId,
}: {
  centerId: string;
  childId: string;
  guardianId: string;
  instructionId: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const at = nowIso();
      const changed = await trx
        .updateTable('medicine_instructions')
        .set({ revoked_at: at })
        .where('id', '=', instructionId)
        .where('center_id', '=', centerId)
        .where('child_id', '=', childId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) return false;
      await recordChange(trx, {
        actorId: guardianId,
        centerId,
        entity: 'medicine_instruction',
        entityId: instructionId,
        childId,
        before: { revoked_at: null },
        after: { revoked_at: at },
      });
      await publish(trx, { topic: childTopic(childId), type: LIVE_TYPES.medicine, data: {} });
      return true;
    });
}

/** A child's instructions that have not ended before `today` (current and coming), newest first. */
export async function childInstructions({
  centerId,
  childId,
  today,
}: {
  centerId: string;
  childId: string;
  today: string;
}) {
  return getDb()
    .selectFrom('medicine_instructions as m')
    .innerJoin('users', 'users.id', 'm.guardian_id')
    .select([
      'm.id',
      'm.medicine',
      'm.dose',
      'm.instructions',
      'm.starts_on as startsOn',
      'm.ends_on as endsOn',
      'm.revoked_at as revokedAt',
      'm.created_at as createdAt',
      'users.name as guardianName',
    ])
    .where('m.center_id', '=', centerId)
    .where('m.child_id', '=', childId)
    .where('m.ends_on', '>=', today)
    .orderBy('m.created_at', 'desc')
    .execute();
}
