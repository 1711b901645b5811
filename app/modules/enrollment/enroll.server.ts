import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { recordChange } from '../audit/audit.server';
import { createInviteIn } from '../users/invites.server';
import { normalizeIndonesianPhone } from '../users/phone';
import { daysOf } from './application';
import { applicationFormColumn, scheduleDaysColumn, type FormValues } from '../json-columns';
import { addEmergencyContactIn, insertChildIn } from '../children/record.server';
import { enrolledNotice } from './notices.server';

const str = (form: FormValues, key: string) => {
  const v = form[key];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};

/**
 * Turns an accepted application into a child record: profile, medical information, schedule,
 * classroom, emergency contacts in the order the family gave, and a guardian invitation for each
 * guardian with an email. Returns the child and the invitation links to pass on.
 */
export async function enrollApplication({
  centerId,
  applicationId,
  actorId,
}: {
  centerId: string;
  applicationId: string;
  actorId: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const app = await trx
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', applicationId)
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (!app || app.status !== 'accepted') return null;
      const form = applicationFormColumn.parse(app.form);
      const now = nowIso();
      const child = {
        id: newId(),
        center_id: centerId,
        classroom_id: app.classroom_id,
        full_name: app.child_full_name!,
        nickname: str(form, 'child_nickname'),
        birth_date: app.child_birth_date!,
        sex: str(form, 'child_sex') === 'male' ? ('male' as const) : ('female' as const),
        status: 'enrolled' as const,
        nik: str(form, 'child_nik')?.replace(/\s/g, '') ?? null,
        birth_order: str(form, 'birth_order') ? Number(str(form, 'birth_order')) : null,
        home_languages: str(form, 'home_languages'),
        address: str(form, 'address'),
        special_needs: str(form, 'special_needs'),
        support_needed: str(form, 'support_needed'),
        allergies: str(form, 'allergies'),
        medical_conditions: str(form, 'medical_conditions'),
        medicines: str(form, 'medicines'),
        immunization_status: str(form, 'immunization_status'),
        consent_photos: form.consent_photos === 'on' ? 1 : 0,
        custody_note: null,
        custody_restricts_pickup: 0,
        schedule_days: scheduleDaysColumn.stringify(daysOf(form)),
        schedule_start: str(form, 'hours_start'),
        schedule_end: str(form, 'hours_end'),
        start_date: app.preferred_start_date,
        withdrawn_on: null,
        withdrawn_reason: null,
        gestation_weeks: null,
        created_at: now,
        updated_at: now,
      };
      await insertChildIn(trx, { actorId, child });

      const invites: { name: string; email: string; token: string }[] = [];
      for (const prefix of ['g1', 'g2']) {
        const name = str(form, `${prefix}_name`);
        const typedPhone = str(form, `${prefix}_phone`);
        const phone = typedPhone && (normalizeIndonesianPhone(typedPhone) ?? typedPhone);
        if (!name || !phone) continue;
        const relationship = str(form, `${prefix}_relationship`) ?? 'wali';
        await addEmergencyContactIn(trx, {
          centerId,
          childId: child.id,
          actorId,
          contact: { name, relationship, phone },
        });
        // The guardian link takes effect when its owner accepts the invitation; an email typed on
        // a form never attaches an existing account by itself.
        const email = str(form, `${prefix}_email`)?.toLowerCase();
        if (email)
          invites.push({
            name,
            email,
            token: await createInviteIn(trx, {
              centerId,
              email,
              name,
              role: 'guardian',
              childId: child.id,
              relationship,
              phone,
              actorId,
            }),
          });
      }

      await trx.updateTable('documents').set({ child_id: child.id }).where('application_id', '=', app.id).execute();
      const moved = await trx
        .updateTable('applications')
        .set({ status: 'enrolled', child_id: child.id, updated_at: now })
        .where('id', '=', app.id)
        .where('status', '=', 'accepted')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw new Error('Application changed while enrolling');
      await trx
        .insertInto('application_events')
        .values({
          id: newId(),
          application_id: app.id,
          at: now,
          actor_id: actorId,
          from_status: 'accepted',
          to_status: 'enrolled',
          note: null,
        })
        .execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'application',
        entityId: app.id,
        before: { status: 'accepted' },
        after: { status: 'enrolled', child_id: child.id },
      });
      await enrolledNotice(trx, app);
      return { childId: child.id, invites };
    });
}
