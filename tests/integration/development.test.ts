import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeChild, makeClassroom } from '~db/seed/factories';
import { addCenterItem } from '~/modules/development/development.server';
import { localDate } from '~/modules/time/time';
import { action as devAction, loader as devLoader } from '~/routes/c.$centerId.children.$childId.development';
import { loader as familyDevLoader } from '~/routes/family.children.$childId.development';
import { action as quickAction, loader as quickLoader } from '~/routes/c.$centerId.milestones.$classroomId';
import { twoCenters } from '../support/fixtures';
import { EXE_BYTES, multipart, PNG_BYTES } from '../support/files';
import { loader as childDocumentLoader } from '~/routes/c.$centerId.children.$childId.documents.$documentId';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let teacher: string;
let today: string;
const at = (childId: string) => ({
  path: `/c/${w.center.id}/children/${childId}/development`,
  params: { centerId: w.center.id, childId },
});

beforeAll(async () => {
  w = await twoCenters();
  teacher = await sessionCookie(w.teacher.id);
  today = localDate('Asia/Jakarta');
});

describe('milestones', () => {
  it("shows the checklist for the child's band, records observations and flags what is still not yet", async () => {
    // Born 31 months ago: the 30-month checklist.
    const born = new Date(Date.parse(today) - 31 * 30.6 * 86_400_000).toISOString().slice(0, 10);
    await getDb().updateTable('children').set({ birth_date: born }).where('id', '=', w.child.id).execute();
    const page = await callLoader(devLoader, { ...at(w.child.id), cookie: teacher });
    expect(page.data.band).toBe(30);
    const item = page.data.checklist.find((i) => i.age_months === 30 && i.domain === 'language')!;
    const other = page.data.checklist.find((i) => i.age_months === 30 && i.domain === 'movement')!;
    const saved = await callAction(devAction, {
      ...at(w.child.id),
      cookie: teacher,
      form: {
        intent: 'observe',
        observed_on: today,
        [`status:${item.id}`]: 'not_yet',
        [`note:${item.id}`]: 'Baru sekitar 20 kata',
        [`status:${other.id}`]: 'yes',
      },
    });
    expectRedirect(saved, at(w.child.id).path);
    const after = await callLoader(devLoader, { ...at(w.child.id), cookie: teacher });
    expect(after.data.flags.map((f) => f.id)).toEqual([item.id]);
    expect(after.data.progress.find((p) => p.domain === 'movement')?.yes).toBe(1);
    const band30 = after.data.byBand.find((b) => b.band === 30);
    expect(band30?.domains.find((x) => x.domain === 'movement')).toMatchObject({ yes: 1, total: 4 });
    expect(after.data.byBand.map((b) => b.band)).toEqual([2, 4, 6, 9, 12, 15, 18, 24, 30]);

    const family = await callLoader(familyDevLoader, {
      path: '',
      params: { childId: w.child.id },
      cookie: await sessionCookie(w.parent.id),
    });
    expect(family.data.talk).toBe(true);
    expect(family.data.achieved.map((i) => i.id)).toEqual([other.id]);
    expect(
      (
        await callLoader(familyDevLoader, {
          path: '',
          params: { childId: w.otherChild.id },
          cookie: await sessionCookie(w.parent.id),
        })
      ).status,
    ).toBe(404);
  });

  it("refuses a future date, an empty entry and another center's own item", async () => {
    const page = await callLoader(devLoader, { ...at(w.child.id), cookie: teacher });
    const item = page.data.checklist[0];
    expect(
      (
        await callAction(devAction, {
          ...at(w.child.id),
          cookie: teacher,
          form: { intent: 'observe', observed_on: '2099-01-01', [`status:${item.id}`]: 'yes' },
        })
      ).data.errors,
    ).toEqual({ observed_on: 'errors.dateInFuture' });
    expect(
      (
        await callAction(devAction, {
          ...at(w.child.id),
          cookie: teacher,
          form: { intent: 'observe', observed_on: today },
        })
      ).data.errors,
    ).toEqual({ form: 'errors.nothingChosen' });
    await addCenterItem({
      centerId: w.other.id,
      actorId: w.otherCoordinator.id,
      item: { age_months: item.age_months, domain: item.domain, text_id: 'Butir pusat lain', text_en: 'Theirs' },
    });
    const theirs = await getDb()
      .selectFrom('milestone_items')
      .select('id')
      .where('center_id', '=', w.other.id)
      .executeTakeFirstOrThrow();
    expect(
      (
        await callAction(devAction, {
          ...at(w.child.id),
          cookie: teacher,
          form: { intent: 'observe', observed_on: today, [`status:${theirs.id}`]: 'yes' },
        })
      ).status,
    ).toBe(404);
    expect(
      await getDb().selectFrom('milestone_observations').select('id').where('item_id', '=', theirs.id).execute(),
    ).toEqual([]);
    expect(
      (
        await callAction(devAction, {
          ...at(w.child.id),
          cookie: await sessionCookie(w.caregiver.id),
          form: { intent: 'observe', observed_on: today, [`status:${item.id}`]: 'yes' },
        })
      ).status,
    ).toBe(403);
  });

  it('records KPSP with its interpretation and follow-up', async () => {
    const bad = await callAction(devAction, {
      ...at(w.child.id),
      cookie: teacher,
      form: { intent: 'kpsp', screened_on: today, age_point_months: '30', yes_count: '11' },
    });
    expect(bad.data.errors).toEqual({ yes_count: 'errors.between?min=0&max=10' });
    expectRedirect(
      await callAction(devAction, {
        ...at(w.child.id),
        cookie: teacher,
        form: { intent: 'kpsp', screened_on: '2026-11-02', age_point_months: '30', yes_count: '8' },
      }),
      at(w.child.id).path,
    );
    const page = await callLoader(devLoader, { ...at(w.child.id), cookie: teacher });
    expect(page.data.screenings[0]).toMatchObject({
      yes_count: 8,
      interpretation: 'doubtful',
      follow_up_due: '2026-11-16',
    });
  });

  it('lets a teacher fill one item for a whole classroom', async () => {
    const second = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Wulan' });
    const page = await callLoader(quickLoader, {
      path: `/c/${w.center.id}/milestones/${w.classroom.id}?item=cdc-30m-mp-3`,
      params: { centerId: w.center.id, classroomId: w.classroom.id },
      cookie: teacher,
    });
    expect(page.data.item?.id).toBe('cdc-30m-mp-3');
    const saved = await callAction(quickAction, {
      path: '',
      params: { centerId: w.center.id, classroomId: w.classroom.id },
      cookie: teacher,
      form: {
        itemId: 'cdc-30m-mp-3',
        observed_on: today,
        [`status:${w.child.id}`]: 'yes',
        [`status:${second.id}`]: 'not_sure',
      },
    });
    expect(saved.status).toBe(302);
    const rows = await getDb()
      .selectFrom('milestone_observations')
      .select(['child_id', 'status'])
      .where('item_id', '=', 'cdc-30m-mp-3')
      .execute();
    expect(rows).toHaveLength(2);
    expect(
      (
        await callLoader(quickLoader, {
          path: '',
          params: { centerId: w.center.id, classroomId: w.classroom.id },
          cookie: await sessionCookie(w.otherCoordinator.id),
        })
      ).status,
    ).toBe(404);
  });

  it('lets a center add its own items, seen by its children only', async () => {
    const quick = { path: '', params: { centerId: w.center.id, classroomId: w.classroom.id }, cookie: teacher };
    expect(
      (
        await callAction(quickAction, {
          ...quick,
          form: { intent: 'add-item', age_months: '24', domain: 'cognitive', text_id: '', text_en: 'Sorts blocks' },
        })
      ).data.errors,
    ).toEqual({ text_id: 'errors.required' });
    expectRedirect(
      await callAction(quickAction, {
        ...quick,
        form: {
          intent: 'add-item',
          age_months: '24',
          domain: 'cognitive',
          text_id: 'Memilah balok menurut warna',
          text_en: 'Sorts blocks by colour',
        },
      }),
      `/c/${w.center.id}/milestones/${w.classroom.id}`,
    );
    const page = await callLoader(quickLoader, quick);
    const own = page.data.items.find((i) => i.text_id === 'Memilah balok menurut warna')!;
    expect(own).toMatchObject({ source: 'center', center_id: w.center.id });
    const otherRoom = await getDb()
      .selectFrom('classrooms')
      .select('id')
      .where('center_id', '=', w.other.id)
      .executeTakeFirstOrThrow();
    const elsewhere = await callLoader(quickLoader, {
      path: '',
      params: { centerId: w.other.id, classroomId: otherRoom.id },
      cookie: await sessionCookie(w.otherCoordinator.id),
    });
    expect(elsewhere.data.items.some((i) => i.id === own.id)).toBe(false);
  });

  it('keeps an optional photo with an observation, checked by content and shown to staff only', async () => {
    const page = await callLoader(devLoader, { ...at(w.child.id), cookie: teacher });
    const item = page.data.checklist[0];
    const bad = await callAction(devAction, {
      ...at(w.child.id),
      cookie: teacher,
      form: multipart(
        { intent: 'observe', observed_on: today, [`status:${item.id}`]: 'yes' },
        { [`photo:${item.id}`]: { name: 'foto.jpg', bytes: EXE_BYTES } },
      ),
    });
    expect(bad.data.errors).toEqual({ form: 'errors.fileTypePhoto' });
    const good = await callAction(devAction, {
      ...at(w.child.id),
      cookie: teacher,
      form: multipart(
        { intent: 'observe', observed_on: today, [`status:${item.id}`]: 'yes', [`note:${item.id}`]: 'Lihat foto' },
        { [`photo:${item.id}`]: { name: 'foto.png', bytes: PNG_BYTES } },
      ),
    });
    expectRedirect(good, at(w.child.id).path);
    const latest = await getDb()
      .selectFrom('milestone_observations')
      .select(['photo_document_id', 'note'])
      .where('child_id', '=', w.child.id)
      .where('item_id', '=', item.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(latest).toMatchObject({ note: 'Lihat foto', photo_document_id: expect.any(String) });
    const photo = await callLoader(childDocumentLoader, {
      path: '',
      params: { centerId: w.center.id, childId: w.child.id, documentId: latest.photo_document_id! },
      cookie: await sessionCookie(w.caregiver.id),
    });
    expect(photo.headers.get('Content-Type')).toBe('image/png');
    expect(
      (
        await callLoader(childDocumentLoader, {
          path: '',
          params: { centerId: w.center.id, childId: w.child.id, documentId: latest.photo_document_id! },
          cookie: await sessionCookie(w.parent.id),
        })
      ).status,
    ).toBe(404);
  });
});

describe('observation that takes seconds', () => {
  it('saves one tapped answer without a redirect; a second tap that day changes it, keeps its note, and is audited', async () => {
    const child = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Tapa',
      birthDate: new Date(Date.parse(today) - 25 * 30.6 * 86_400_000).toISOString().slice(0, 10),
    });
    const page = await callLoader(devLoader, { ...at(child.id), cookie: teacher });
    const item = page.data.checklist.find((i) => i.age_months === 24)!;
    const tap = (form: Record<string, string>) =>
      callAction(devAction, {
        ...at(child.id),
        cookie: teacher,
        form: multipart({ intent: 'answer', observed_on: today, ...form }),
      });
    const first = await tap({ [`status:${item.id}`]: 'not_yet', [`note:${item.id}`]: 'Masih dibantu' });
    expect(first.status).toBe(200);
    expect(first.data).toEqual({ saved: { itemId: item.id, status: 'not_yet', observedOn: today } });
    // The teacher corrects the mis-tap: the same answer changes, the note stays.
    expect((await tap({ [`status:${item.id}`]: 'yes' })).data).toMatchObject({ saved: { status: 'yes' } });
    const rows = await getDb()
      .selectFrom('milestone_observations')
      .select(['id', 'status', 'note', 'recorded_by'])
      .where('child_id', '=', child.id)
      .execute();
    expect(rows).toEqual([{ id: expect.any(String), status: 'yes', note: 'Masih dibantu', recorded_by: w.teacher.id }]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['entity_id', 'changes'])
      .where('entity', '=', 'milestone_observation')
      .where('entity_id', '=', rows[0].id)
      .orderBy('at')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1].changes).toContain('not_yet');
    // The item answered "yes" today stays on the checklist, now with today's answer as its last.
    const after = await callLoader(devLoader, { ...at(child.id), cookie: teacher });
    expect(after.data.checklist.find((i) => i.id === item.id)?.latest).toMatchObject({
      status: 'yes',
      observed_on: today,
    });
    // Nothing chosen, two items at once, a future date: clear errors, nothing written.
    expect((await tap({})).data).toMatchObject({ errors: { form: 'errors.nothingChosen' } });
    const [a, b] = page.data.checklist;
    expect((await tap({ [`status:${a.id}`]: 'yes', [`status:${b.id}`]: 'yes' })).data).toMatchObject({
      errors: { form: 'errors.nothingChosen' },
    });
    expect(
      (
        await callAction(devAction, {
          ...at(child.id),
          cookie: teacher,
          form: multipart({ intent: 'answer', observed_on: '2099-01-01', [`status:${a.id}`]: 'yes' }),
        })
      ).data,
    ).toMatchObject({ errors: { observed_on: 'errors.dateInFuture' } });
    expect(
      await getDb().selectFrom('milestone_observations').select('id').where('child_id', '=', child.id).execute(),
    ).toHaveLength(1);
    // Another center's child: not found.
    expect(
      (
        await callAction(devAction, {
          path: '',
          params: { centerId: w.center.id, childId: w.otherChild.id },
          cookie: teacher,
          form: multipart({ intent: 'answer', observed_on: today, [`status:${a.id}`]: 'yes' }),
        })
      ).status,
    ).toBe(404);
  });

  it("quick entry offers only the room's age range, shows each child's last answer and records 'all yes' with exceptions", async () => {
    const db = getDb();
    const room = await makeClassroom(db, { centerId: w.center.id, name: 'Bayi', minAgeMonths: 6, maxAgeMonths: 14 });
    const born = (months: number) =>
      new Date(Date.parse(today) - months * 30.6 * 86_400_000).toISOString().slice(0, 10);
    const [ana, budi, citra] = await Promise.all(
      ['Ana', 'Budi', 'Citra'].map((fullName, i) =>
        makeChild(db, { centerId: w.center.id, classroomId: room.id, fullName, birthDate: born(7 + i * 3) }),
      ),
    );
    const quick = (item?: string) => ({
      path: `/c/${w.center.id}/milestones/${room.id}${item ? `?item=${item}` : ''}`,
      params: { centerId: w.center.id, classroomId: room.id },
      cookie: teacher,
    });
    const page = await callLoader(quickLoader, quick());
    expect([...new Set(page.data.items.map((i) => i.age_months))]).toEqual([6, 9, 12]);
    // The room view: each child's band and how many of its items are still open.
    const open = page.data.children.find((c) => c.id === ana.id)!;
    const band6 = page.data.items.filter((i) => i.age_months === 6).length;
    expect(open).toMatchObject({ band: 6, open: band6 });
    const item = page.data.items.find((i) => i.age_months === 9)!;
    const saved = await callAction(quickAction, {
      ...quick(),
      form: { itemId: item.id, observed_on: today, all: 'yes', [`status:${budi.id}`]: 'not_yet' },
    });
    // Stays on the item.
    expectRedirect(saved, `/c/${w.center.id}/milestones/${room.id}?item=${item.id}`);
    const again = await callLoader(quickLoader, quick(item.id));
    expect(again.data.item?.id).toBe(item.id);
    expect(Object.fromEntries(again.data.children.map((c) => [c.full_name, c.last]))).toEqual({
      Ana: { status: 'yes', observed_on: today },
      Budi: { status: 'not_yet', observed_on: today },
      Citra: { status: 'yes', observed_on: today },
    });
    // Saving the item again that day changes the answers instead of adding more.
    await callAction(quickAction, {
      ...quick(),
      form: { itemId: item.id, observed_on: today, [`status:${budi.id}`]: 'yes' },
    });
    const rows = await db
      .selectFrom('milestone_observations')
      .select(['child_id', 'status'])
      .where('item_id', '=', item.id)
      .where('child_id', 'in', [ana.id, budi.id, citra.id])
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'yes')).toBe(true);
    expect(open.open).toBeGreaterThan(0);
    // An item outside the room's range (a 30-month item in a baby room) is not offered and not accepted.
    expect(
      (await callAction(quickAction, { ...quick(), form: { itemId: 'cdc-30m-mp-3', observed_on: today, all: 'yes' } }))
        .status,
    ).toBe(404);
  });

  it('refuses an answer for a child of another room or center, and writes nothing', async () => {
    const item = (await callLoader(quickLoader, { ...quickAt(), cookie: teacher })).data.items[0];
    const count = async () =>
      (await getDb().selectFrom('milestone_observations').select('id').where('item_id', '=', item.id).execute()).length;
    const before = await count();
    const otherRoom = await makeClassroom(getDb(), { centerId: w.center.id, name: 'Lain' });
    const elsewhere = await makeChild(getDb(), { centerId: w.center.id, classroomId: otherRoom.id, fullName: 'Lain' });
    for (const stranger of [elsewhere.id, w.otherChild.id]) {
      const refused = await callAction(quickAction, {
        ...quickAt(),
        cookie: teacher,
        form: { itemId: item.id, observed_on: today, all: 'yes', [`status:${stranger}`]: 'yes' },
      });
      expect(refused.status).toBe(404);
    }
    expect(await count()).toBe(before);
    // Another center's coordinator cannot post to this room.
    expect(
      (
        await callAction(quickAction, {
          ...quickAt(),
          cookie: await sessionCookie(w.otherCoordinator.id),
          form: { itemId: item.id, observed_on: today, all: 'yes' },
        })
      ).status,
    ).toBe(404);
  });
});

const quickAt = () => ({
  path: `/c/${w.center.id}/milestones/${w.classroom.id}`,
  params: { centerId: w.center.id, classroomId: w.classroom.id },
});
