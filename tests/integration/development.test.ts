import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeChild } from '~db/seed/factories';
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
