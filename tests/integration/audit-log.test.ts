import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import { backfillAuditChild } from '~db/migrations/0011-audit-child';
import { linkGuardian, makeCenter, makeChild, makeClassroom, makeUser } from '~db/seed/factories';
import { AUDIT_CSV_HEADER, AUDIT_CSV_MAX } from '~/modules/audit/audit';
import { checkIn, checkOut, recordRefusedPickup } from '~/modules/attendance/attendance.server';
import { saveClassroom } from '~/modules/centers/centers.server';
import { loader as auditLoader } from '~/routes/c.$centerId.audit';
import { loader as csvLoader } from '~/routes/c.$centerId.audit[.]csv';
import { callLoader, sessionCookie, type Returned } from '../support/remix';

// A center in Jayapura (UTC+9): the local day starts at 15:00 UTC the day before.
let w: {
  centerId: string;
  otherCenterId: string;
  putri: string;
  bima: string;
  foreignChild: string;
  caregiver: string;
  parent: string;
  coordinatorEn: string;
  coordinatorId: string;
  teacher: string;
  otherCoordinator: string;
  classroomId: string;
};
const at = { putriIn: '', bimaIn: '' };

const ROGUE = '=HYPERLINK("http://evil.example","klik")';

beforeAll(async () => {
  const db = getDb();
  const center = await makeCenter(db, { name: 'TAS Cendrawasih', timeZone: 'Asia/Jayapura' });
  const other = await makeCenter(db, { name: 'TAS Lain' });
  const room = await makeClassroom(db, { centerId: center.id, name: 'Kelas Kasuari' });
  const otherRoom = await makeClassroom(db, { centerId: other.id });
  const coordinatorEn = await makeUser(db, {
    email: 'koor.en@example.test',
    name: 'Koor Inggris',
    language: 'en',
    memberships: [{ centerId: center.id, role: 'coordinator' }],
  });
  const coordinatorId = await makeUser(db, {
    email: 'koor.id@example.test',
    name: 'Koor Indonesia',
    language: 'id',
    memberships: [{ centerId: center.id, role: 'coordinator' }],
  });
  const teacher = await makeUser(db, {
    email: 'guru.jpr@example.test',
    name: 'Guru Jayapura',
    memberships: [{ centerId: center.id, role: 'teacher' }],
  });
  const caregiver = await makeUser(db, {
    email: 'pengasuh.jpr@example.test',
    name: 'Pengasuh Yohana',
    memberships: [{ centerId: center.id, role: 'caregiver' }],
  });
  const otherCoordinator = await makeUser(db, {
    email: 'koor.lain.jpr@example.test',
    name: 'Koor Lain',
    memberships: [{ centerId: other.id, role: 'coordinator' }],
  });
  const parent = await makeUser(db, { email: 'mama.bima@example.test', name: 'Mama Bima' });
  const putri = await makeChild(db, { centerId: center.id, classroomId: room.id, fullName: 'Putri Lestari' });
  const bima = await makeChild(db, { centerId: center.id, classroomId: room.id, fullName: 'Bima Wonda' });
  const foreignChild = await makeChild(db, { centerId: other.id, classroomId: otherRoom.id, fullName: 'Anak Lain' });
  await linkGuardian(db, { childId: bima.id, userId: parent.id });

  // The day at the door: a caregiver checks Putri in with a fever and out to a guardian; Bima's
  // mother checks him in at the kiosk; a stranger is refused; the coordinator renames the room.
  expect(
    await checkIn({
      centerId: center.id,
      childId: putri.id,
      actorId: caregiver.id,
      health: { temperatureTenths: 381, feverConfirmed: true, marksNote: null, mood: 'calm', broughtBy: 'Ayah' },
    }),
  ).toEqual({ ok: true, already: false });
  expect(await checkIn({ centerId: center.id, childId: bima.id, actorId: parent.id })).toEqual({
    ok: true,
    already: false,
  });
  expect(
    await recordRefusedPickup({ centerId: center.id, childId: putri.id, actorId: caregiver.id, personName: ROGUE }),
  ).toBeTruthy();
  await linkGuardian(db, { childId: putri.id, userId: coordinatorId.id, relationship: 'ayah' });
  expect(
    await checkOut({
      centerId: center.id,
      childId: putri.id,
      actorId: caregiver.id,
      collectorKey: `guardian:${coordinatorId.id}`,
    }),
  ).toMatchObject({ ok: true, already: false });
  expect(
    await saveClassroom({
      centerId: center.id,
      actorId: coordinatorEn.id,
      classroom: {
        classroomId: room.id,
        name: 'Kelas Cendrawasih',
        min_age_months: 24,
        max_age_months: 48,
        capacity: 16,
      },
    }),
  ).toBe(true);
  expect(
    await saveClassroom({
      centerId: center.id,
      actorId: coordinatorEn.id,
      classroom: { name: ROGUE, min_age_months: 0, max_age_months: 23, capacity: 6 },
    }),
  ).toBe(true);
  // Another center's day, which this log never shows.
  expect(await checkIn({ centerId: other.id, childId: foreignChild.id, actorId: otherCoordinator.id })).toEqual({
    ok: true,
    already: false,
  });
  // A follow-up opened by the system.
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: '2026-02-01T00:00:00.000Z',
      actor_id: null,
      center_id: center.id,
      entity: 'follow_up',
      entity_id: newId(),
      child_id: putri.id,
      action: 'create',
      changes: JSON.stringify({ kind: [null, 'absences'] }),
    })
    .execute();

  // Put the log on known instants: everything on 1 February, then the two check-ins either side of
  // local midnight between 1 and 2 March (23:50 and 00:10 in Jayapura).
  await db
    .updateTable('audit_log')
    .set({ at: '2026-02-01T00:00:00.000Z' })
    .where('center_id', '=', center.id)
    .execute();
  const checkIns = await db
    .selectFrom('audit_log')
    .select(['id', 'child_id'])
    .where('center_id', '=', center.id)
    .where('entity', '=', 'attendance')
    .where('action', '=', 'create')
    .execute();
  at.putriIn = checkIns.find((e) => e.child_id === putri.id)!.id;
  at.bimaIn = checkIns.find((e) => e.child_id === bima.id)!.id;
  await db.updateTable('audit_log').set({ at: '2026-03-01T14:50:00.000Z' }).where('id', '=', at.putriIn).execute();
  await db.updateTable('audit_log').set({ at: '2026-03-01T15:10:00.000Z' }).where('id', '=', at.bimaIn).execute();

  w = {
    centerId: center.id,
    otherCenterId: other.id,
    putri: putri.id,
    bima: bima.id,
    foreignChild: foreignChild.id,
    caregiver: caregiver.id,
    parent: parent.id,
    coordinatorEn: await sessionCookie(coordinatorEn.id),
    coordinatorId: await sessionCookie(coordinatorId.id),
    teacher: await sessionCookie(teacher.id),
    otherCoordinator: await sessionCookie(otherCoordinator.id),
    classroomId: room.id,
  };
});

type Entry = Returned<typeof auditLoader>['entries'][number];

const log = async (query = '', cookie = w.coordinatorEn, centerId = w.centerId) =>
  callLoader(auditLoader, { path: `/c/${centerId}/audit${query}`, params: { centerId }, cookie });
const entries = async (query = '', cookie?: string) => (await log(query, cookie)).data.entries;
const field = (e: Entry, name: string) => e.fields.find((f) => f.field === name);

/** A cell as it was before the CSV neutralised it: an id may start with '-' (1 in 64), then quoted. */
const asWritten = (cell: string) => cell.replace(/^'(?=[-=+@])/, '');

describe('reading the audit log', () => {
  it('reads like a record: who with their role, what in words and local time, which child with a link', async () => {
    const all = await entries();
    const putriIn = all.find((e) => e.id === at.putriIn)!;
    expect(putriIn).toMatchObject({
      entity: 'attendance',
      action: 'create',
      when: '1 Mar 2026, 23:50',
      actor: { name: 'Pengasuh Yohana', role: 'Caregiver' },
      record: 'Putri Lestari',
      child: { id: w.putri, name: 'Putri Lestari' },
    });
    expect(field(putriIn, 'temperature_tenths')).toMatchObject({ label: 'Temperature', after: '38.1 °C' });
    expect(field(putriIn, 'fever_confirmed')).toMatchObject({ label: 'Fever confirmed', after: 'Yes' });
    expect(field(putriIn, 'status')).toMatchObject({ after: 'Present' });
    expect(field(putriIn, 'mood')).toMatchObject({ label: 'Mood', after: 'Calm' });
    expect(field(putriIn, 'check_in_by')).toMatchObject({ label: 'Arrival recorded by', after: 'Pengasuh Yohana' });
    expect(field(putriIn, 'check_in_at')?.after).toMatch(/^\d{1,2} \w{3} 20\d\d, \d\d:\d\d$/);
    expect(putriIn.fields.map((f) => f.field)).not.toContain('child_id');

    const checkOut = all.find((e) => e.entity === 'attendance' && e.action === 'update')!;
    expect(checkOut).toMatchObject({ child: { id: w.putri }, actor: { role: 'Caregiver' } });
    expect(field(checkOut, 'status')).toMatchObject({ before: 'Present', after: 'Collected' });
    expect(field(checkOut, 'picked_up_by')).toMatchObject({
      label: 'Collected by',
      before: '—',
      after: 'Koor Indonesia',
    });

    const room = all.find((e) => e.entity === 'classroom' && e.action === 'update')!;
    expect(room).toMatchObject({
      record: 'Kelas Cendrawasih',
      child: null,
      actor: { name: 'Koor Inggris', role: 'Coordinator' },
    });
    expect(field(room, 'name')).toMatchObject({ label: 'Name', before: 'Kelas Kasuari', after: 'Kelas Cendrawasih' });

    expect(all.find((e) => e.entity === 'follow_up')).toMatchObject({
      actor: { id: null, name: 'System', role: null },
    });
    // Nothing a person reads is a catalog key, a column name or another center's data.
    const shown = all.flatMap((e) => [
      e.when,
      e.actionLabel,
      e.entityLabel,
      e.actor.name,
      e.actor.role,
      e.record,
      ...e.fields.flatMap((f) => [f.label, f.before, f.after, f.summary]),
    ]);
    expect(shown.filter((text) => text && /\baudit\.|\w+_\w+|Anak Lain/.test(text))).toEqual([]);
  });

  it('speaks the reader’s language', async () => {
    const bimaIn = (await entries('', w.coordinatorId)).find((e) => e.id === at.bimaIn)!;
    expect(bimaIn).toMatchObject({
      when: '2 Mar 2026, 00.10',
      actor: { name: 'Mama Bima', role: 'Wali' },
      record: 'Bima Wonda',
    });
    expect(field(bimaIn, 'status')).toMatchObject({ label: 'Status', after: 'Hadir' });
    expect(field(bimaIn, 'fever_confirmed')).toMatchObject({ label: 'Demam dikonfirmasi', after: 'Tidak' });
  });

  it('filters by child, through every kind of record of theirs', async () => {
    const putri = await entries(`?child=${w.putri}`);
    expect(putri.map((e) => `${e.entity}:${e.action}`).sort()).toEqual([
      'attendance:create',
      'attendance:update',
      'follow_up:create',
      'pickup_attempt:create',
    ]);
    expect(putri.every((e) => e.child?.id === w.putri)).toBe(true);
    expect((await log(`?child=${w.putri}`)).data.filters.child).toBe(w.putri);
  });

  it('filters by person, including no person at all', async () => {
    const byParent = await entries(`?person=${w.parent}`);
    expect(byParent.map((e) => e.id)).toEqual([at.bimaIn]);
    const byNobody = await entries('?person=none');
    expect(byNobody.map((e) => e.entity)).toEqual(['follow_up']);
    const people = (await log()).data.choices.people.map((p) => p.name);
    expect(people).toEqual(['Koor Inggris', 'Mama Bima', 'Pengasuh Yohana']);
  });

  it('filters by kind of record', async () => {
    const refused = await entries('?entity=pickup_attempt');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ child: { id: w.putri } });
    expect(field(refused[0], 'outcome')).toMatchObject({ label: 'Outcome', after: 'Refused' });
    expect(field(refused[0], 'person_name')?.after).toBe(ROGUE);
  });

  it('filters by local dates in the center’s zone, across local midnight', async () => {
    const ids = async (query: string) => (await entries(query)).map((e) => e.id);
    expect(await ids('?from=2026-03-02&to=2026-03-02')).toEqual([at.bimaIn]);
    expect(await ids('?from=2026-03-01&to=2026-03-01')).toEqual([at.putriIn]);
    expect(await ids('?from=2026-03-01')).toEqual([at.bimaIn, at.putriIn]);
    expect((await ids('?to=2026-03-01')).length).toBe((await ids('')).length - 1);
    expect(await ids(`?from=2026-03-01&to=2026-03-02&child=${w.bima}`)).toEqual([at.bimaIn]);
  });

  it('ignores filter values that are not among the choices, never a 500', async () => {
    const first = await log();
    for (const query of [
      `?child=${w.foreignChild}&person=${w.caregiver}x&entity=sessions&from=2026-02-30&to=besok`,
      '?child=&person=&entity=&from=&to=',
      "?child='%20or%201=1&from=2026-03-02T00:00&to=2026-3-2",
      '?person=null&cursor=garbage',
    ]) {
      const result = await log(query);
      expect(result.status, query).toBe(200);
      expect(result.data.filters, query).toEqual({ child: '', person: '', entity: '', from: '', to: '' });
      expect(
        result.data.entries.map((e) => e.id),
        query,
      ).toEqual(first.data.entries.map((e) => e.id));
    }
  });

  it('is for the coordinator: another role is refused, another center does not exist', async () => {
    expect((await log('', w.teacher)).status).toBe(403);
    expect((await log('', w.otherCoordinator)).status).toBe(404);
    const foreign = await log('', w.otherCoordinator, w.otherCenterId);
    expect(foreign.status).toBe(200);
    expect(foreign.data.entries.map((e) => e.record)).toEqual(['Anak Lain']);
  });
});

/** RFC 4180 rows, quoted cells with line breaks included. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

const csv = (query = '', cookie = w.coordinatorEn, centerId = w.centerId) =>
  callLoader(csvLoader, { path: `/c/${centerId}/audit.csv${query}`, params: { centerId }, cookie });

describe('the CSV export', () => {
  it('holds the filtered entries, in words, with formulas neutralised', async () => {
    const result = await csv(`?child=${w.putri}`);
    expect(result.status).toBe(200);
    expect(result.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(result.headers.get('Content-Disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(result.headers.get('X-Audit-Truncated')).toBeNull();
    const [header, ...rows] = parseCsv(String(result.data).replace(/^\uFEFF/, ''));
    expect(header).toEqual(AUDIT_CSV_HEADER);
    expect(rows).toHaveLength(4);
    const column = (name: string) => header.indexOf(name);
    expect(new Set(rows.map((r) => r[column('child')]))).toEqual(new Set(['Putri Lestari']));
    const putriIn = rows.find((r) => asWritten(r[column('entry_id')]) === at.putriIn)!;
    expect(putriIn.slice(0, 8)).toEqual([
      '2026-03-01 23:50:00',
      'Asia/Jayapura',
      '2026-03-01T14:50:00.000Z',
      'Pengasuh Yohana',
      'Caregiver',
      'created',
      'attendance',
      'Putri Lestari',
    ]);
    expect(putriIn[column('changes')].split('\n')).toContain('Temperature: 38.1 °C');
    const refused = rows.find((r) => r[column('kind')] === 'pickup refused/allowed')!;
    expect(refused[column('changes')]).toContain(`Name of the person collecting: ${ROGUE}`);
  });

  it('neutralises formulas: no cell, nor any piece a spreadsheet might split off, starts one', async () => {
    const [header, ...rows] = parseCsv(String((await csv()).data).replace(/^\uFEFF/, ''));
    const room = rows.find(
      (r) => r[header.indexOf('kind')] === 'classroom' && r[header.indexOf('action')] === 'created',
    )!;
    expect(room[header.indexOf('record')]).toBe(`'${ROGUE}`);
    for (const cell of rows.flat())
      expect(cell.split(/[,;\n]/).filter((piece) => /^ *[=+@\t\r]/.test(piece))).toEqual([]);
  });

  it('is in the reader’s language and applies the date filter in the center’s zone', async () => {
    const [header, ...rows] = parseCsv(
      String((await csv('?from=2026-03-02', w.coordinatorId)).data).replace(/^\uFEFF/, ''),
    );
    expect(rows.map((r) => asWritten(r[header.indexOf('entry_id')]))).toEqual([at.bimaIn]);
    expect(rows[0][header.indexOf('role')]).toBe('Wali');
    expect(rows[0][header.indexOf('action')]).toBe('membuat');
  });

  it('is for the coordinator of this center only', async () => {
    expect((await csv('', w.teacher)).status).toBe(403);
    expect((await csv('', w.otherCoordinator)).status).toBe(404);
  });

  it(`stops at ${AUDIT_CSV_MAX} entries, the newest, and says so`, async () => {
    const db = getDb();
    const center = await makeCenter(db, { name: 'TAS Sibuk' });
    const coordinator = await makeUser(db, {
      email: 'koor.sibuk@example.test',
      name: 'Koor Sibuk',
      memberships: [{ centerId: center.id, role: 'coordinator' }],
    });
    const rows = Array.from({ length: AUDIT_CSV_MAX + 5 }, (_, i) => ({
      id: `bulk-${String(i).padStart(6, '0')}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      actor_id: coordinator.id,
      center_id: center.id,
      entity: 'classroom',
      entity_id: 'room',
      child_id: null,
      action: 'update' as const,
      changes: JSON.stringify({ capacity: [i, i + 1] }),
    }));
    for (let i = 0; i < rows.length; i += 1000)
      await db
        .insertInto('audit_log')
        .values(rows.slice(i, i + 1000))
        .execute();
    const result = await csv('', await sessionCookie(coordinator.id), center.id);
    expect(result.status).toBe(200);
    expect(result.headers.get('X-Audit-Truncated')).toBe(String(AUDIT_CSV_MAX));
    const [, ...lines] = parseCsv(String(result.data).replace(/^\uFEFF/, ''));
    expect(lines).toHaveLength(AUDIT_CSV_MAX);
    expect(lines[0][AUDIT_CSV_HEADER.indexOf('entry_id')]).toBe(`bulk-${String(AUDIT_CSV_MAX + 4).padStart(6, '0')}`);
  });
});

describe('entries written before the child column', () => {
  it('are given their child from the record they describe, or from the entry itself', async () => {
    const db = getDb();
    const attendance = await db
      .selectFrom('attendance')
      .select('id')
      .where('child_id', '=', w.putri)
      .executeTakeFirstOrThrow();
    const old = (entity: string, entityId: string, changes: Record<string, [unknown, unknown]>) => ({
      id: newId(),
      at: '2025-01-01T00:00:00.000Z',
      actor_id: null,
      center_id: w.centerId,
      entity,
      entity_id: entityId,
      child_id: null,
      action: 'update' as const,
      changes: JSON.stringify(changes),
    });
    const entries = [
      old('attendance', attendance.id, { status: ['present', 'checked_out'] }),
      old('guardian', 'a-removed-link', { child_id: [w.bima, null], relationship: ['ibu', null] }),
      old('application', 'an-application', { status: ['accepted', 'enrolled'], child_id: [null, w.putri] }),
      old('child', w.bima, { nickname: [null, 'Bim'] }),
      old('classroom', w.classroomId, { capacity: [16, 18] }),
    ];
    await db.insertInto('audit_log').values(entries).execute();
    await backfillAuditChild(db);
    const after = await db
      .selectFrom('audit_log')
      .select(['id', 'child_id'])
      .where(
        'id',
        'in',
        entries.map((e) => e.id),
      )
      .execute();
    const childOf = (id: string) => after.find((r) => r.id === id)!.child_id;
    expect(entries.map((e) => childOf(e.id))).toEqual([w.putri, w.bima, w.putri, w.bima, null]);
  });
});
