// The demo is what an official or a new center sees first, so it must tell the truth: these are
// the seed's own invariants, checked on the data it writes (on SQLite and on PostgreSQL).
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import type { DB, Domain, ObservationStatus } from '~db/schema';
import {
  DEMO_FOLLOW_UP_CHILD,
  DEMO_LOGGED_DAYS,
  DEMO_NO_PHOTO_CONSENT,
  DEMO_PARENT_CHILDREN,
  DEMO_TARA_ID,
  DEMO_TAS_ID,
  DEMO_ACCOUNTS,
  DEMO_STAFF,
  DEMO_UNTOUCHED_TODAY,
  seedDemo,
} from '~db/seed/demo';
import { milestoneContradictions } from '~db/seed/demo-days';
import { isExpectedOn, requiredStaff } from '~/modules/attendance/rules';
import { dayDataColumn, instructionCovers } from '~/modules/day/day';
import { listInbox, unreadByChild, unreadConversationCount } from '~/modules/messaging/conversations.server';
import { familyAnnouncements } from '~/modules/messaging/announcements.server';
import { sendPendingMail } from '~/modules/notifications/mail-worker.server';
import { mailSummary } from '~/modules/notifications/mailbox.server';
import { bandFor, milestoneAgeMonths } from '~/modules/development/rules';
import { storedFilePath, uploadDir } from '~/modules/files/uploads.server';
import { missedDaysColumn, openingHoursColumn, ratioRulesColumn, scheduleDaysColumn } from '~/modules/json-columns';
import { ageInMonths, weekdayOf } from '~/modules/time/time';
import { normalizeIndonesianPhone } from '~/modules/users/phone';

// Seeded as on a Wednesday at 09:45 in Jakarta (the last one before today), so "today" is a live
// morning: children in, staff on shift, nobody collected yet.
const now = DateTime.now().setZone('Asia/Jakarta');
const SEEDED_AT = now.minus({ days: (now.weekday - 3 + 7) % 7 || 7 }).set({ hour: 9, minute: 45, second: 0 });
const TODAY = SEEDED_AT.toISODate()!;
const FROM = SEEDED_AT.minus({ months: 3 }).toISODate()!;

const db = () => getDb();

/** Every row of every table, for telling whether a second run changed anything. */
async function snapshot() {
  const tables = (await db().introspection.getTables()).map((t) => t.name as keyof DB).sort();
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    if (table.startsWith('kysely_')) continue;
    rows[table] = (await db().selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  }
  return { rows, files: fs.readdirSync(uploadDir()).sort() };
}

beforeAll(async () => {
  expect(await seedDemo(db(), SEEDED_AT)).toBe(true);
}, 60_000);

describe('the demo seed', () => {
  it('keeps milestones consistent with each child’s age: no "not yet" below something later already seen', async () => {
    const children = await db()
      .selectFrom('children')
      .select(['id', 'birth_date', 'gestation_weeks'])
      .where('status', '=', 'enrolled')
      .execute();
    const observations = await db()
      .selectFrom('milestone_observations')
      .innerJoin('milestone_items', 'milestone_items.id', 'milestone_observations.item_id')
      .select([
        'milestone_observations.child_id',
        'milestone_observations.item_id',
        'milestone_observations.status',
        'milestone_items.domain',
        'milestone_items.age_months',
      ])
      .orderBy('milestone_observations.observed_on')
      .orderBy('milestone_observations.created_at')
      .execute();
    expect(children).toHaveLength(30);
    const delayed: string[] = [];
    for (const child of children) {
      // The latest observation of each item is what the app shows.
      const latest = new Map<
        string,
        { itemId: string; domain: Domain; ageMonths: number; status: ObservationStatus }
      >();
      for (const o of observations.filter((x) => x.child_id === child.id))
        latest.set(o.item_id, { itemId: o.item_id, domain: o.domain, ageMonths: o.age_months, status: o.status });
      const seen = [...latest.values()];
      expect(seen.length, `${child.id} has observations`).toBeGreaterThan(5);
      expect(milestoneContradictions(seen), child.id).toEqual([]);
      const band = bandFor(milestoneAgeMonths(child.birth_date, TODAY, child.gestation_weeks).months)!;
      // Everything well below the child's band has been seen, but for a delay the demo shows on purpose.
      if (seen.some((o) => o.status === 'not_yet' && o.ageMonths < band)) delayed.push(child.id);
    }
    expect(delayed.sort()).toEqual(['demo-child-03', 'demo-child-28']);
  });

  it('has three months of attendance at a believable rate, within opening hours, with who brought and collected', async () => {
    const centers = await db().selectFrom('centers').select(['id', 'opening_hours', 'time_zone']).execute();
    const children = await db()
      .selectFrom('children')
      .select(['id', 'center_id', 'schedule_days', 'start_date'])
      .where('status', '=', 'enrolled')
      .execute();
    const records = await db()
      .selectFrom('attendance')
      .selectAll()
      .where('date', '>=', FROM)
      .where('date', '<', TODAY)
      .orderBy('date')
      .execute();
    let expected = 0;
    let present = 0;
    for (const child of children) {
      const center = centers.find((c) => c.id === child.center_id)!;
      const hours = openingHoursColumn.parse(center.opening_hours);
      const schedule = { schedule_days: scheduleDaysColumn.parse(child.schedule_days), start_date: child.start_date };
      const mine = records.filter((r) => r.child_id === child.id);
      const days: string[] = [];
      for (let d = DateTime.fromISO(FROM); d.toISODate()! < TODAY; d = d.plus({ days: 1 }))
        if (hours[weekdayOf(d.toISODate()!)] && isExpectedOn(schedule, d.toISODate()!)) days.push(d.toISODate()!);
      // Every expected day is recorded, and nothing on a day the child was not expected.
      expect(mine.map((r) => r.date)).toEqual(days);
      expected += days.length;
      present += mine.filter((r) => r.status !== 'absent').length;
      for (const r of mine) {
        const slot = hours[weekdayOf(r.date)]!;
        const local = (iso: string) => DateTime.fromISO(iso).setZone(center.time_zone).toFormat('HH:mm');
        if (r.status === 'absent') {
          expect(r.absence_reason).not.toBeNull();
          continue;
        }
        expect(r.status).toBe('checked_out');
        expect(local(r.check_in_at!) >= slot[0] && local(r.check_out_at!) <= slot[1], `${r.child_id} ${r.date}`).toBe(
          true,
        );
        expect(r.check_in_at! < r.check_out_at!).toBe(true);
        expect(r.brought_by).toBeTruthy();
        expect(r.picked_up_by).toBeTruthy();
      }
      // Three unexplained absences in a row only where the demo opened its follow-up on purpose.
      let run: string[] = [];
      for (const r of mine) {
        run = r.status === 'absent' && r.absence_reason === 'unexplained' ? [...run, r.date] : [];
        if (run.length === 3) {
          expect(child.id).toBe(DEMO_FOLLOW_UP_CHILD);
          const followUp = await db()
            .selectFrom('follow_ups')
            .select('detail')
            .where('child_id', '=', child.id)
            .where('resolved_at', 'is', null)
            .executeTakeFirstOrThrow();
          expect(missedDaysColumn.parse(followUp.detail).sort()).toEqual(run);
        }
      }
    }
    const rate = present / expected;
    expect(rate).toBeGreaterThan(0.7);
    expect(rate).toBeLessThan(0.95);
    const sick = records.filter((r) => r.absence_reason === 'sick').length;
    const unexplained = records.filter((r) => r.absence_reason === 'unexplained').length;
    expect(sick).toBeGreaterThan(unexplained);
    expect(unexplained).toBeGreaterThan(3);
    expect(await db().selectFrom('follow_ups').select('child_id').execute()).toEqual([
      { child_id: DEMO_FOLLOW_UP_CHILD },
    ]);
  });

  it('gives every child an emergency contact with a phone, and every guardian account a phone', async () => {
    const children = await db().selectFrom('children').select('id').where('status', '=', 'enrolled').execute();
    const contacts = await db().selectFrom('emergency_contacts').select(['child_id', 'phone']).execute();
    for (const child of children) {
      const phones = contacts.filter((c) => c.child_id === child.id).map((c) => normalizeIndonesianPhone(c.phone));
      expect(phones.filter(Boolean).length, child.id).toBeGreaterThan(0);
    }
    const guardians = await db()
      .selectFrom('guardians')
      .innerJoin('users', 'users.id', 'guardians.user_id')
      .select('users.phone')
      .execute();
    expect(guardians.every((g) => g.phone && normalizeIndonesianPhone(g.phone))).toBe(true);
    const centers = await db().selectFrom('centers').select(['address', 'contact_phone', 'contact_email']).execute();
    for (const c of centers) {
      expect(c.address).not.toMatch(/Contoh/);
      expect(c.contact_email).toBeTruthy();
    }
  });

  it('has a drawn portrait, stored as a pickup photo, for every pickup person', async () => {
    const people = await db()
      .selectFrom('pickup_persons')
      .leftJoin('documents', 'documents.id', 'pickup_persons.photo_document_id')
      .select([
        'pickup_persons.name',
        'documents.kind',
        'documents.storage_key',
        'documents.child_id',
        'pickup_persons.child_id as for',
      ])
      .execute();
    expect(people.length).toBeGreaterThanOrEqual(30);
    for (const p of people) {
      expect(p.kind, p.name).toBe('pickup_photo');
      expect(p.child_id).toBe(p.for);
      const file = storedFilePath(p.storage_key!);
      expect(fs.existsSync(file), file).toBe(true);
      expect((await fileTypeFromBuffer(fs.readFileSync(file)))?.mime).toBe('image/png');
      expect(path.dirname(file)).toBe(uploadDir());
    }
  });

  it('records allergies, medical notes and one custody note that restricts pickup (not on the demo parent’s children)', async () => {
    const children = await db()
      .selectFrom('children')
      .select(['id', 'allergies', 'medical_conditions', 'custody_note', 'custody_restricts_pickup', 'address'])
      .execute();
    expect(children.filter((c) => c.allergies).length).toBeGreaterThanOrEqual(3);
    expect(children.filter((c) => c.medical_conditions).length).toBeGreaterThanOrEqual(2);
    const restricted = children.filter((c) => c.custody_restricts_pickup === 1);
    expect(restricted).toHaveLength(1);
    expect(restricted[0].custody_note).toBeTruthy();
    expect(DEMO_PARENT_CHILDREN).not.toContain(restricted[0].id);
    expect(children.every((c) => c.address && /RT \d{3}\/RW \d{3}, Kel\. .+, Kec\. .+/.test(c.address))).toBe(true);
  });

  it('is a live morning today: children in, nobody collected yet, enough staff on shift in every room', async () => {
    const centers = await db().selectFrom('centers').select(['id', 'ratio_rules']).execute();
    const rooms = await db().selectFrom('classrooms').select(['id', 'center_id', 'name']).execute();
    const today = await db()
      .selectFrom('attendance')
      .innerJoin('children', 'children.id', 'attendance.child_id')
      .select(['attendance.child_id', 'attendance.classroom_id', 'attendance.status', 'children.birth_date'])
      .where('attendance.date', '=', TODAY)
      .execute();
    const shifts = await db()
      .selectFrom('staff_shifts')
      .select(['classroom_id', 'user_id'])
      .where('date', '=', TODAY)
      .where('clock_out_at', 'is', null)
      .execute();
    expect(today.filter((r) => r.status === 'present').length).toBeGreaterThan(15);
    expect(today.filter((r) => r.status === 'checked_out')).toEqual([]);
    for (const room of rooms) {
      const rules = ratioRulesColumn.parse(centers.find((c) => c.id === room.center_id)!.ratio_rules);
      const ages = today
        .filter((r) => r.classroom_id === room.id && r.status === 'present')
        .map((r) => ageInMonths(r.birth_date, TODAY));
      const staff = shifts.filter((s) => s.classroom_id === room.id).length;
      expect(ages.length, room.name).toBeGreaterThan(0);
      expect(staff, room.name).toBeGreaterThanOrEqual(requiredStaff(ages, rules));
    }
    // The demo accounts are not on shift: whoever tries the demo clocks in themselves.
    const demoStaff = await db()
      .selectFrom('users')
      .select('id')
      .where(
        'email',
        'in',
        DEMO_ACCOUNTS.map((a) => a.email),
      )
      .execute();
    expect(shifts.filter((s) => demoStaff.some((u) => u.id === s.user_id))).toEqual([]);
    const members = await db().selectFrom('memberships').select(['center_id', 'role']).execute();
    for (const center of [DEMO_TAS_ID, DEMO_TARA_ID])
      expect(members.filter((m) => m.center_id === center && m.role !== 'coordinator').length).toBeGreaterThanOrEqual(
        2 + DEMO_STAFF.filter((s) => s.centerId === center).length,
      );
  });

  it("leaves the demo parent's children without a record today (the browser tests check them in and out)", async () => {
    const rows = await db()
      .selectFrom('attendance')
      .select('child_id')
      .where('date', '=', TODAY)
      .where('child_id', 'in', DEMO_PARENT_CHILDREN)
      .execute();
    expect(rows).toEqual([]);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    expect(await seedDemo(db(), SEEDED_AT)).toBe(false);
    expect(await seedDemo(db())).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the demo's parents' day", () => {
  const at = (iso: string) => DateTime.fromISO(iso).setZone('Asia/Jakarta');
  const entries = () =>
    db()
      .selectFrom('day_entries')
      .innerJoin('children', 'children.id', 'day_entries.child_id')
      .select([
        'day_entries.id',
        'day_entries.center_id',
        'day_entries.child_id',
        'day_entries.date',
        'day_entries.kind',
        'day_entries.at',
        'day_entries.data',
        'day_entries.photo_document_id',
        'day_entries.recorded_by',
        'day_entries.created_at',
        'children.consent_photos',
        'children.classroom_id',
      ])
      .execute();

  it('logs the day of every child here on the last weekdays and this morning, each entry while the child was here', async () => {
    const all = await entries();
    const attendance = await db()
      .selectFrom('attendance')
      .select(['child_id', 'date', 'status', 'check_in_at', 'check_out_at'])
      .where('status', '!=', 'absent')
      .execute();
    const visit = new Map(attendance.map((a) => [`${a.child_id}:${a.date}`, a]));
    const members = await db().selectFrom('memberships').select(['user_id', 'center_id']).execute();
    const dates = [...new Set(all.map((e) => e.date))].sort();
    expect(dates).toHaveLength(DEMO_LOGGED_DAYS + 1);
    expect(dates.at(-1)).toBe(TODAY);
    for (const date of dates.slice(0, -1)) {
      expect(date < TODAY).toBe(true);
      expect(weekdayOf(date)).not.toMatch(/sat|sun/);
    }
    for (const e of all) {
      const here = visit.get(`${e.child_id}:${e.date}`);
      expect(here, `${e.child_id} was here on ${e.date} (${e.kind})`).toBeDefined();
      expect(e.at >= here!.check_in_at!, `${e.kind} of ${e.child_id} after arrival`).toBe(true);
      if (here!.check_out_at)
        expect(e.at < here!.check_out_at, `${e.kind} of ${e.child_id} before collection`).toBe(true);
      expect(at(e.at).toISODate()).toBe(e.date);
      // Written at or after the time it names, and never after the demo was seeded.
      expect(e.created_at >= e.at).toBe(true);
      expect(e.created_at <= SEEDED_AT.toUTC().toISO()!).toBe(true);
      expect(members.some((m) => m.user_id === e.recorded_by && m.center_id === e.center_id)).toBe(true);
      const value = dayDataColumn.parse(e.kind, e.data);
      if (value.kind === 'nap' && value.data.end) {
        expect(value.data.end > e.at).toBe(true);
        if (here!.check_out_at) expect(value.data.end < here!.check_out_at).toBe(true);
      }
    }
    // Every child here on a past logged day had their meals (from six months), a mood and the room's activity written.
    const born = new Map(
      (await db().selectFrom('children').select(['id', 'birth_date']).execute()).map((c) => [c.id, c.birth_date]),
    );
    for (const a of attendance.filter((r) => dates.includes(r.date) && r.date < TODAY)) {
      const mine = all.filter((e) => e.child_id === a.child_id && e.date === a.date).map((e) => e.kind);
      const eats = ageInMonths(born.get(a.child_id)!, a.date) >= 6;
      for (const kind of [...(eats ? ['meal', 'snack'] : []), 'mood', 'activity'])
        expect(mine, `${a.child_id} ${a.date}`).toContain(kind);
    }
    const kinds = new Set(all.map((e) => e.kind));
    for (const kind of [
      'meal',
      'snack',
      'bottle',
      'breastfeeding',
      'nap',
      'diaper',
      'mood',
      'activity',
      'note',
      'photo',
      'medicine',
    ])
      expect(kinds, kind).toContain(kind);
    // This morning (09:45) so far: what was written by then, nothing later.
    const today = all.filter((e) => e.date === TODAY);
    expect(today.length).toBeGreaterThan(10);
    expect(today.every((e) => e.created_at <= SEEDED_AT.toUTC().toISO()!)).toBe(true);
  });

  it('leaves the children the browser tests use without a record or a log today', async () => {
    const records = await db()
      .selectFrom('attendance')
      .select('child_id')
      .where('date', '=', TODAY)
      .where('child_id', 'in', DEMO_UNTOUCHED_TODAY)
      .execute();
    const logged = await db()
      .selectFrom('day_entries')
      .select('child_id')
      .where('date', '=', TODAY)
      .where('child_id', 'in', DEMO_UNTOUCHED_TODAY)
      .execute();
    expect([...records, ...logged]).toEqual([]);
  });

  it('serves Indonesian daycare food, and what a child must avoid never reaches them', async () => {
    const meals = (await entries()).filter((e) => e.kind === 'meal' || e.kind === 'snack');
    const what = (e: (typeof meals)[number]) => {
      const value = dayDataColumn.parse(e.kind, e.data);
      return value.kind === 'meal' || value.kind === 'snack' ? value.data : null;
    };
    expect(meals.some((e) => /nasi tim/i.test(what(e)!.what))).toBe(true);
    expect(meals.some((e) => /kacang hijau/i.test(what(e)!.what))).toBe(true);
    const amounts = new Set(meals.map((e) => what(e)!.amount));
    for (const amount of ['all', 'most', 'some']) expect(amounts).toContain(amount);
    const avoids: Record<string, RegExp> = {
      'demo-child-13': /susu(?! kedelai)/i,
      'demo-child-21': /telur/i,
      'demo-child-24': /udang|kepiting/i,
      'demo-child-05': /kacang tanah|selai kacang/i,
    };
    for (const [child, food] of Object.entries(avoids))
      for (const e of meals.filter((m) => m.child_id === child))
        expect(what(e)!.what.replace(/\((tanpa|pengganti) [^)]*\)|tanpa \w+/g, ''), child).not.toMatch(food);
  });

  it('has photo consent from every family but two, and photos only of children whose families consented', async () => {
    const children = await db().selectFrom('children').select(['id', 'consent_photos']).execute();
    expect(
      children
        .filter((c) => c.consent_photos !== 1)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...DEMO_NO_PHOTO_CONSENT].sort());
    const photos = (await entries()).filter((e) => e.kind === 'photo');
    const documents = [...new Set(photos.map((p) => p.photo_document_id!))];
    // A photo a day, the centers by turns (today's activity may not have come yet).
    expect(documents.length).toBeGreaterThanOrEqual(DEMO_LOGGED_DAYS);
    expect(new Set(photos.map((p) => p.center_id)).size).toBe(2);
    for (const id of documents) {
      const tagged = photos.filter((p) => p.photo_document_id === id);
      // Group photos: several children of one room, at one time, all with consent.
      expect(tagged.length).toBeGreaterThanOrEqual(2);
      expect(tagged.every((p) => p.consent_photos === 1)).toBe(true);
      expect(new Set(tagged.map((p) => `${p.classroom_id} ${p.at}`)).size).toBe(1);
      const doc = await db()
        .selectFrom('documents')
        .select(['kind', 'storage_key', 'mime_type', 'child_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(doc).toMatchObject({ kind: 'day_photo', mime_type: 'image/jpeg', child_id: null });
      const bytes = fs.readFileSync(storedFilePath(doc.storage_key));
      expect((await fileTypeFromBuffer(bytes))?.mime).toBe('image/jpeg');
    }
  });

  it('gives medicine only under a guardian’s instruction in force that day, given before the dose', async () => {
    const instructions = await db().selectFrom('medicine_instructions').selectAll().execute();
    expect(instructions).toHaveLength(1);
    const [instruction] = instructions;
    const guardians = await db()
      .selectFrom('guardians')
      .select('user_id')
      .where('child_id', '=', instruction.child_id)
      .execute();
    expect(guardians.map((g) => g.user_id)).toContain(instruction.guardian_id);
    // Still in force today, so the room and the family see it.
    expect(instructionCovers(instruction, TODAY)).toBe(true);
    const doses = (await entries()).filter((e) => e.kind === 'medicine');
    expect(doses.length).toBeGreaterThanOrEqual(1);
    for (const dose of doses) {
      const value = dayDataColumn.parse(dose.kind, dose.data);
      if (value.kind !== 'medicine') throw new Error('not a medicine entry');
      const given = instructions.find((i) => i.id === value.data.instructionId);
      expect(given, dose.id).toBeDefined();
      expect(given!.child_id).toBe(dose.child_id);
      expect(given!.center_id).toBe(dose.center_id);
      expect(instructionCovers(given!, dose.date)).toBe(true);
      expect(given!.created_at < dose.at).toBe(true);
      expect(value.data.medicine).toBe(given!.medicine);
    }
  });

  it('feeds TARA C’More’s babies their mothers’ milk, by bottle and in the lactation room', async () => {
    const tara = (await entries()).filter((e) => e.center_id === DEMO_TARA_ID);
    const bottles = tara.filter((e) => e.kind === 'bottle').map((e) => dayDataColumn.parse(e.kind, e.data));
    expect(bottles.length).toBeGreaterThan(2);
    expect(bottles.every((b) => b.kind === 'bottle' && b.data.milk === 'breast_milk' && b.data.ml <= 500)).toBe(true);
    expect(tara.filter((e) => e.kind === 'breastfeeding').length).toBeGreaterThan(2);
  });

  it('sets the TAS’s quiet hours and TARA C’More’s daily summary time', async () => {
    const centers = await db()
      .selectFrom('centers')
      .select(['id', 'quiet_hours_start', 'quiet_hours_end', 'daily_summary_time'])
      .orderBy('id')
      .execute();
    expect(centers).toEqual([
      { id: DEMO_TARA_ID, quiet_hours_start: null, quiet_hours_end: null, daily_summary_time: '16:30' },
      { id: DEMO_TAS_ID, quiet_hours_start: '20:00', quiet_hours_end: '06:00', daily_summary_time: null },
    ]);
  });

  it('has conversations with families, some unread by the demo teacher, and none yet about demo-child-03', async () => {
    const teacher = await db()
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'guru@demo.asuh.id')
      .executeTakeFirstOrThrow();
    const inbox = await listInbox({ centerId: DEMO_TAS_ID, viewerId: teacher.id });
    // (Some conversations are about a day the child was here, so their number depends a little on the date.)
    expect(inbox.length).toBeGreaterThanOrEqual(4);
    expect(inbox.map((c) => c.childId)).not.toContain('demo-child-03');
    const unread = await unreadConversationCount({ centerId: DEMO_TAS_ID, userId: teacher.id });
    expect(unread).toBeGreaterThanOrEqual(1);
    expect(unread).toBeLessThan(inbox.length);
    expect(inbox.filter((c) => c.unread === 0).length).toBeGreaterThanOrEqual(1);
    const messages = await db()
      .selectFrom('messages')
      .leftJoin('documents', 'documents.id', 'messages.attachment_document_id')
      .select(['messages.created_at', 'documents.mime_type', 'documents.kind'])
      .execute();
    expect(messages.every((m) => m.created_at < SEEDED_AT.toUTC().toISO()! && m.created_at > FROM)).toBe(true);
    expect(messages.filter((m) => m.mime_type === 'application/pdf' && m.kind === 'message_attachment')).toHaveLength(
      1,
    );
    // The demo parent has a reply still to read.
    const parent = await db()
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'orangtua@demo.asuh.id')
      .executeTakeFirstOrThrow();
    expect(Object.values(await unreadByChild({ userId: parent.id })).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(
      await db().selectFrom('conversations').select('id').where('child_id', '=', 'demo-child-03').execute(),
    ).toEqual([]);
  });

  it('has announcements: center-wide, a teacher’s to her room, and an urgent HFMD notice acknowledged by some families', async () => {
    const announcements = await db()
      .selectFrom('announcements')
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.user_id', '=', 'announcements.created_by')
          .onRef('memberships.center_id', '=', 'announcements.center_id'),
      )
      .select([
        'announcements.id',
        'announcements.center_id',
        'announcements.classroom_id',
        'announcements.title',
        'announcements.urgent',
        'announcements.requires_ack',
        'announcements.created_at',
        'memberships.role',
      ])
      .execute();
    const tas = announcements.filter((a) => a.center_id === DEMO_TAS_ID);
    expect(tas.some((a) => a.classroom_id === null && !a.urgent)).toBe(true);
    expect(tas.some((a) => a.classroom_id !== null && a.role === 'teacher')).toBe(true);
    const hfmd = tas.find((a) => a.urgent === 1 && a.requires_ack === 1)!;
    expect(hfmd.title).toMatch(/tangan, kaki, dan mulut/);
    const receipts = await db()
      .selectFrom('announcement_receipts')
      .select(['user_id', 'read_at', 'acknowledged_at'])
      .where('announcement_id', '=', hfmd.id)
      .execute();
    const acknowledged = receipts.filter((r) => r.acknowledged_at);
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);
    expect(receipts.length - acknowledged.length).toBeGreaterThanOrEqual(3);
    for (const r of acknowledged)
      expect(r.acknowledged_at! > hfmd.created_at && r.acknowledged_at! < SEEDED_AT.toUTC().toISO()!).toBe(true);
    // The demo parent still has it to acknowledge, at the top of their list.
    const parent = await db()
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'orangtua@demo.asuh.id')
      .executeTakeFirstOrThrow();
    const theirs = await familyAnnouncements({ userId: parent.id });
    expect(theirs[0]).toMatchObject({ id: hfmd.id, pending: true });
    expect(announcements.some((a) => a.center_id === DEMO_TARA_ID)).toBe(true);
  });

  it('emails families and staff as the app would, dated when it happened: all of it due, none of it failing', async () => {
    const outbox = await db()
      .selectFrom('outbox')
      .select(['kind', 'status', 'next_attempt_at', 'created_at', 'dedupe_key'])
      .execute();
    const messages = await db().selectFrom('messages').select(['id', 'created_at']).execute();
    const notices = outbox.filter((o) => o.kind === 'message');
    expect(notices.length).toBeGreaterThanOrEqual(messages.length);
    for (const n of notices) {
      const cause = messages.find((m) => n.dedupe_key!.startsWith(`message:${m.id}:`))!;
      expect(n.created_at).toBe(cause.created_at);
    }
    expect(outbox.filter((o) => o.kind === 'announcement').length).toBeGreaterThan(20);
    expect(outbox.every((o) => o.status === 'pending' && o.next_attempt_at <= new Date().toISOString())).toBe(true);
    // The demo has no mail server: the development mailbox takes everything, and the coordinator's page shows no failure.
    const sent = await sendPendingMail();
    expect(sent).toMatchObject({ mode: 'devMailbox', sent: outbox.length, retrying: 0, failed: 0 });
    for (const centerId of [DEMO_TAS_ID, DEMO_TARA_ID])
      expect(await mailSummary({ centerId })).toMatchObject({ pending: 0, failed: 0 });
  });
});

describe("the demo's teacher's day", () => {
  const weekStart = (date: string) => DateTime.fromISO(date).startOf('week').toISODate()!;
  const thisWeek = weekStart(TODAY);
  const lastWeek = DateTime.fromISO(thisWeek).minus({ weeks: 1 }).toISODate()!;

  it('has last week’s plan of every room, published, with core activities done or skipped with notes', async () => {
    const rooms = await db().selectFrom('classrooms').select(['id', 'name']).execute();
    const plans = await db()
      .selectFrom('weekly_plans')
      .select(['id', 'classroom_id', 'week_start', 'theme', 'published_at'])
      .execute();
    const last = plans.filter((p) => p.week_start === lastWeek);
    expect(last.map((p) => p.classroom_id).sort()).toEqual(rooms.map((r) => r.id).sort());
    expect(last.every((p) => p.theme !== '' && p.published_at !== null)).toBe(true);
    const deliveries = await db()
      .selectFrom('plan_deliveries')
      .select(['plan_id', 'status', 'note', 'activity_id'])
      .execute();
    for (const plan of last) {
      const mine = deliveries.filter((d) => d.plan_id === plan.id);
      expect(mine.filter((d) => d.status === 'done').length).toBeGreaterThanOrEqual(3);
      expect(mine.filter((d) => d.status === 'skipped' && d.note !== '')).toHaveLength(1);
      expect(mine.every((d) => d.activity_id !== null)).toBe(true);
    }
  });

  it('has this week’s plan published from the library, except in the rooms the browser tests plan afresh', async () => {
    const rooms = await db().selectFrom('classrooms').select(['id', 'name']).execute();
    const current = await db()
      .selectFrom('weekly_plans as p')
      .innerJoin('classrooms as c', 'c.id', 'p.classroom_id')
      .select(['c.name', 'p.id', 'p.theme', 'p.published_at'])
      .where('p.week_start', '=', thisWeek)
      .execute();
    expect(current.map((p) => p.name).sort()).toEqual(
      rooms
        .map((r) => r.name)
        .filter((n) => !['Bayi (Melati)', 'Batita (Anggrek)'].includes(n))
        .sort(),
    );
    for (const plan of current) {
      expect(plan.published_at).not.toBeNull();
      const cells = await db()
        .selectFrom('weekly_plan_cells')
        .select(['activity_id'])
        .where('plan_id', '=', plan.id)
        .execute();
      expect(cells.filter((c) => c.activity_id !== null).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('has sent one activity home to the demo parent’s child, emailed to the family, not tried yet', async () => {
    const sent = await db()
      .selectFrom('home_activities')
      .select(['id', 'child_id', 'activity_id', 'note', 'tried_at', 'sent_at'])
      .execute();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ child_id: 'demo-child-02', tried_at: null });
    expect(sent[0].sent_at < SEEDED_AT.toUTC().toISO()!).toBe(true);
    const link = await db()
      .selectFrom('activity_milestones')
      .select('item_id')
      .where('activity_id', '=', sent[0].activity_id)
      .execute();
    const open = await db()
      .selectFrom('milestone_observations')
      .select(['item_id', 'status'])
      .where('child_id', '=', 'demo-child-02')
      .orderBy('observed_on')
      .orderBy('created_at')
      .execute();
    const latest = new Map(open.map((o) => [o.item_id, o.status]));
    expect(link.some((l) => latest.get(l.item_id) === 'not_yet')).toBe(true);
    const mail = await db().selectFrom('outbox').select(['to_email']).where('kind', '=', 'home_activity').execute();
    expect(mail.map((m) => m.to_email)).toContain('orangtua@demo.asuh.id');
  });
});
