import fs from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import library from '~db/reference/activities/library.json';
import catalog from '~db/reference/milestones/catalog.json';
import { makeClassroom } from '~db/seed/factories';
import { parseActivityFilters } from '~/modules/activities/activities';
import { searchActivities } from '~/modules/activities/activities.server';
import { storedFilePath } from '~/modules/files/uploads.server';
import { action as detailAction, loader as detailLoader } from '~/routes/c.$centerId.activities.$activityId';
import { action as editAction, loader as editLoader } from '~/routes/c.$centerId.activities.$activityId_.edit';
import { loader as photoLoader } from '~/routes/c.$centerId.activities.$activityId_.photo';
import { loader as listLoader } from '~/routes/c.$centerId.activities._index';
import { action as newAction, loader as newLoader } from '~/routes/c.$centerId.activities.new';
import { multipart } from '../support/files';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};

const list = (query = '', centerId = w.center.id) => ({
  path: `/c/${centerId}/activities${query ? `?${query}` : ''}`,
  params: { centerId },
});
const one = (activityId: string, centerId = w.center.id, tail = '') => ({
  path: `/c/${centerId}/activities/${activityId}${tail}`,
  params: { centerId, activityId },
});
const fresh = (centerId = w.center.id) => ({ path: `/c/${centerId}/activities/new`, params: { centerId } });

const activityForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Menimbang buah',
  goal: 'Membandingkan berat dengan tangan dan timbangan sederhana.',
  steps: '1. Pegang dua buah.\n2. Tebak mana yang lebih berat.\n3. Periksa dengan timbangan gantung.',
  materials: 'Jeruk, pisang, timbangan gantung dari gantungan baju.',
  adaptations: 'Buah besar untuk anak dengan genggaman lemah.',
  safety_notes: '',
  duration_minutes: '20',
  min_age_months: '36',
  max_age_months: '60',
  grouping: 'small_group',
  setting: 'indoor',
  elements: ['literasi_steam'],
  montessori: ['sensorial', 'mathematics'],
  profile: ['penalaran_kritis'],
  milestones: ['cdc-48m-cg-1', 'cdc-60m-cg-1'],
  ...overrides,
});

/** The shared activities a filter should find, computed from the reference file itself. */
const items = new Map(catalog.items.map((i) => [i.code, i]));
const expected = (keep: (a: (typeof library.activities)[number]) => boolean) =>
  library.activities
    .filter(keep)
    .map((a) => a.code)
    .sort();
const found = async (query: string, centerId = w.center.id) =>
  (await searchActivities({ centerId, filters: parseActivityFilters(new URLSearchParams(query)), lang: 'id' }))
    .map((a) => a.id)
    .sort();

beforeAll(async () => {
  w = await twoCenters();
  for (const who of ['coordinator', 'teacher', 'caregiver', 'parent', 'otherCoordinator'] as const)
    cookies[who] = await sessionCookie(w[who].id);
});

describe('searching the shared library', () => {
  it('has the 40 shared activities, each in both languages', async () => {
    expect(await found('')).toEqual(expected(() => true));
    expect(library.activities.length).toBeGreaterThanOrEqual(40);
    const texts = await getDb()
      .selectFrom('activity_texts')
      .innerJoin('activities', 'activities.id', 'activity_texts.activity_id')
      .select(['activity_texts.language'])
      .where('activities.center_id', 'is', null)
      .execute();
    expect(texts.filter((t) => t.language === 'id')).toHaveLength(library.activities.length);
    expect(texts.filter((t) => t.language === 'en')).toHaveLength(library.activities.length);
  });

  it('filters by age, tag, domain and milestone in one query, as the reference file says', async () => {
    expect(await found('age=12')).toEqual(expected((a) => a.minAgeMonths <= 12 && a.maxAgeMonths >= 12));
    expect(await found('milestone=cdc-24m-mp-1')).toEqual(expected((a) => a.milestones.includes('cdc-24m-mp-1')));
    expect(await found('tag=element:agama_budi_pekerti')).toEqual(
      expected((a) => a.elements.includes('agama_budi_pekerti')),
    );
    expect(await found('tag=montessori:sensorial')).toEqual(expected((a) => a.montessori.includes('sensorial')));
    expect(await found('tag=profile:kemandirian')).toEqual(expected((a) => a.profile.includes('kemandirian')));
    const movementAt30 = expected(
      (a) =>
        a.minAgeMonths <= 30 && a.maxAgeMonths >= 30 && a.milestones.some((m) => items.get(m)?.domain === 'movement'),
    );
    expect(movementAt30.length).toBeGreaterThan(2);
    expect(await found('age=30&domain=movement')).toEqual(movementAt30);
    // All filters at once: nothing that fails any one of them.
    expect(await found('age=48&domain=cognitive&tag=montessori:mathematics&scope=shared')).toEqual(
      expected(
        (a) =>
          a.minAgeMonths <= 48 &&
          a.maxAgeMonths >= 48 &&
          a.montessori.includes('mathematics') &&
          a.milestones.some((m) => items.get(m)?.domain === 'cognitive'),
      ),
    );
  });

  it('finds words in either language, case-insensitively, and takes % and _ literally', async () => {
    expect(await found('q=BATIK')).toEqual(['lib-batik-print']);
    expect(await found('q=hopscotch')).toEqual(['lib-hopscotch']);
    expect(await found('q=%25')).toEqual([]);
    expect(await found('q=_')).toEqual([]);
  });

  it('filters by a room’s ages, for the center’s own rooms only', async () => {
    const infants = await makeClassroom(getDb(), { centerId: w.center.id, minAgeMonths: 3, maxAgeMonths: 12 });
    expect(await found(`room=${infants.id}`)).toEqual(expected((a) => a.minAgeMonths <= 12 && a.maxAgeMonths >= 3));
    expect(await found(`room=${infants.id}`, w.other.id)).toEqual([]);
  });

  it('ignores filters it cannot read instead of failing', async () => {
    const result = await callLoader(listLoader, {
      ...list('age=abc&tag=element:nope&domain=x&scope=weird&milestone=%27%3B'),
      cookie: cookies.caregiver,
    });
    expect(result.status).toBe(200);
    expect(result.data.activities).toHaveLength(library.activities.length);
  });
});

describe('a center’s own activities', () => {
  let own: string;

  it('a teacher adds one with its tags; it is audited and listed as the center’s own', async () => {
    expect((await callLoader(newLoader, { ...fresh(), cookie: cookies.teacher })).status).toBe(200);
    const saved = await callAction(newAction, { ...fresh(), cookie: cookies.teacher, form: activityForm() });
    expectRedirect(saved, /\/activities\/[\w-]+$/);
    own = saved.headers.get('Location')!.split('/').at(-1)!;
    expect(await found('scope=own')).toEqual([own]);
    expect(await found('milestone=cdc-60m-cg-1&scope=own')).toEqual([own]);
    expect(await found('tag=profile:penalaran_kritis&age=40&scope=own')).toEqual([own]);
    expect(await found('age=24&scope=own')).toEqual([]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['center_id', 'actor_id', 'action', 'changes'])
      .where('entity', '=', 'activity')
      .where('entity_id', '=', own)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ center_id: w.center.id, actor_id: w.teacher.id, action: 'create' });
    expect(audit.changes).toContain('Menimbang buah');
    const page = await callLoader(detailLoader, { ...one(own), cookie: cookies.caregiver });
    expect(page.data.activity).toMatchObject({ own: true, minAgeMonths: 36, maxAgeMonths: 60 });
    expect(page.data.activity.milestones.map((m) => m.id)).toEqual(['cdc-48m-cg-1', 'cdc-60m-cg-1']);
  });

  it('is invisible to another center: not listed, 404 by URL, and posting its id changes nothing', async () => {
    expect(await found('scope=own', w.other.id)).toEqual([]);
    expect(await found('', w.other.id)).not.toContain(own);
    const other = cookies.otherCoordinator;
    expect((await callLoader(detailLoader, { ...one(own, w.other.id), cookie: other })).status).toBe(404);
    expect((await callLoader(editLoader, { ...one(own, w.other.id, '/edit'), cookie: other })).status).toBe(404);
    expect((await callLoader(photoLoader, { ...one(own, w.other.id, '/photo'), cookie: other })).status).toBe(404);
    const before = await getDb().selectFrom('activity_texts').selectAll().where('activity_id', '=', own).execute();
    const edit = await callAction(editAction, {
      ...one(own, w.other.id, '/edit'),
      cookie: other,
      form: activityForm({ title: 'Diambil alih' }),
    });
    expect(edit.status).toBe(404);
    const copy = await callAction(detailAction, { ...one(own, w.other.id), cookie: other, form: { intent: 'copy' } });
    expect(copy.status).toBe(404);
    expect(await getDb().selectFrom('activity_texts').selectAll().where('activity_id', '=', own).execute()).toEqual(
      before,
    );
    expect(await found('scope=own', w.other.id)).toEqual([]);
    // And through its own center's URL, a stranger to that center gets nothing either.
    expect((await callLoader(detailLoader, { ...one(own), cookie: other })).status).toBe(404);
  });

  it('cannot tag milestone items of another center', async () => {
    const theirs = 'other-center-item';
    await getDb()
      .insertInto('milestone_items')
      .values({
        id: theirs,
        center_id: w.other.id,
        catalog_version: null,
        age_months: 48,
        domain: 'cognitive',
        text_id: 'Milik tempat lain',
        text_en: 'Someone else’s',
        source: 'center',
        created_at: new Date().toISOString(),
      })
      .execute();
    const saved = await callAction(newAction, {
      ...fresh(),
      cookie: cookies.teacher,
      form: activityForm({ milestones: ['cdc-48m-cg-1', theirs] }),
    });
    expect(saved.status).toBe(400);
    expect(saved.data.errors).toEqual({ milestones: 'errors.activityUnknownMilestone' });
    expect(await found('scope=own')).toEqual([own]);
  });

  it('a caregiver reads the library but cannot add, copy or edit', async () => {
    expect((await callLoader(listLoader, { ...list(), cookie: cookies.caregiver })).data.mayEdit).toBe(false);
    expect((await callAction(newAction, { ...fresh(), cookie: cookies.caregiver, form: activityForm() })).status).toBe(
      403,
    );
    const copy = await callAction(detailAction, {
      ...one('lib-hopscotch'),
      cookie: cookies.caregiver,
      form: { intent: 'copy' },
    });
    expect(copy.status).toBe(403);
    expect((await callLoader(listLoader, { ...list(), cookie: cookies.parent })).status).toBe(404);
  });
});

describe('shared activities are read-only; a teacher copies one to adapt it', () => {
  it('refuses to edit a shared activity (403), and nothing changes', async () => {
    expect(
      (await callLoader(editLoader, { ...one('lib-hopscotch', w.center.id, '/edit'), cookie: cookies.teacher })).status,
    ).toBe(403);
    const edit = await callAction(editAction, {
      ...one('lib-hopscotch', w.center.id, '/edit'),
      cookie: cookies.coordinator,
      form: activityForm({ title: 'Engklek kami' }),
    });
    expect(edit.status).toBe(403);
    const text = await getDb()
      .selectFrom('activity_texts')
      .select('title')
      .where('activity_id', '=', 'lib-hopscotch')
      .where('language', '=', 'id')
      .executeTakeFirstOrThrow();
    expect(text.title).toBe('Engklek');
  });

  it('copies words in both languages and every tag; the edit changes the copy only', async () => {
    const copied = await callAction(detailAction, {
      ...one('lib-hopscotch'),
      cookie: cookies.teacher,
      form: { intent: 'copy' },
    });
    expectRedirect(copied, /\/activities\/[\w-]+\/edit$/);
    const id = copied.headers.get('Location')!.split('/').at(-2)!;
    const form = await callLoader(editLoader, { ...one(id, w.center.id, '/edit'), cookie: cookies.teacher });
    const source = library.activities.find((a) => a.code === 'lib-hopscotch')!;
    expect(form.data).toMatchObject({
      otherLanguages: ['en'],
      values: {
        title: 'Engklek',
        min_age_months: source.minAgeMonths,
        elements: source.elements,
        milestones: [...source.milestones].sort(),
      },
    });
    const saved = await callAction(editAction, {
      ...one(id, w.center.id, '/edit'),
      cookie: cookies.teacher,
      form: activityForm({
        title: 'Engklek pendek untuk kelas kami',
        min_age_months: '42',
        max_age_months: '60',
        milestones: ['cdc-60m-mp-2'],
      }),
    });
    expectRedirect(saved, `/c/${w.center.id}/activities/${id}`);
    const page = await callLoader(detailLoader, { ...one(id), cookie: cookies.teacher });
    expect(page.data.activity).toMatchObject({
      own: true,
      minAgeMonths: 42,
      copiedFrom: { id: 'lib-hopscotch' },
      milestones: [{ id: 'cdc-60m-mp-2' }],
    });
    expect(page.data.activity.texts.map((t) => [t.language, t.title])).toEqual([
      ['id', 'Engklek pendek untuk kelas kami'],
      ['en', 'Engklek (hopscotch)'],
    ]);
    const original = await callLoader(detailLoader, { ...one('lib-hopscotch'), cookie: cookies.teacher });
    expect(original.data.activity.milestones.map((m) => m.id).sort()).toEqual([...source.milestones].sort());
    const entries = await getDb()
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'activity')
      .where('entity_id', '=', id)
      .orderBy('at')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
  });
});

describe('bad input', () => {
  it('an impossible age range: a clear error on the oldest age, and every value kept', async () => {
    const saved = await callAction(newAction, {
      ...fresh(),
      cookie: cookies.teacher,
      form: activityForm({ min_age_months: '48', max_age_months: '12' }),
    });
    expect(saved.status).toBe(400);
    expect(saved.data.errors).toEqual({ max_age_months: 'errors.activityAgeRange' });
    expect(saved.data.values).toMatchObject({
      title: 'Menimbang buah',
      min_age_months: '48',
      max_age_months: '12',
      montessori: ['sensorial', 'mathematics'],
    });
  });

  it('ages beyond six years, a missing title, a made-up tag: field errors, nothing saved', async () => {
    const before = await found('scope=own');
    const saved = await callAction(newAction, {
      ...fresh(),
      cookie: cookies.teacher,
      form: activityForm({ title: '  ', max_age_months: '99', duration_minutes: '0', elements: ['astrologi'] }),
    });
    expect(saved.status).toBe(400);
    expect(saved.data.errors).toMatchObject({
      title: 'errors.required',
      max_age_months: 'errors.between?min=0&max=72',
      duration_minutes: 'errors.between?min=1&max=240',
      elements: 'errors.choose',
    });
    expect(await found('scope=own')).toEqual(before);
  });

  it('a file that is not a picture is refused on the photo field', async () => {
    const saved = await callAction(newAction, {
      ...fresh(),
      cookie: cookies.teacher,
      form: multipart(activityForm(), { photo: { name: 'foto.jpg', bytes: Buffer.from('not a picture at all') } }),
    });
    expect(saved.status).toBe(400);
    expect(saved.data.errors).toEqual({ photo: 'errors.fileTypePhoto' });
  });
});

describe('the photo', () => {
  it('is stored re-encoded without EXIF, and served only to the center’s signed-in staff', async () => {
    const original = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#c84' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 10/1 30/1' } })
      .toBuffer();
    const saved = await callAction(newAction, {
      ...fresh(),
      cookie: cookies.coordinator,
      form: multipart(activityForm({ title: 'Dengan foto' }), {
        photo: { name: 'IMG_2001.jpg', bytes: original, type: 'image/jpeg' },
      }),
    });
    expectRedirect(saved, /\/activities\/[\w-]+$/);
    const id = saved.headers.get('Location')!.split('/').at(-1)!;
    const doc = await getDb()
      .selectFrom('activities')
      .innerJoin('documents', 'documents.id', 'activities.photo_document_id')
      .select(['documents.storage_key', 'documents.kind', 'documents.center_id'])
      .where('activities.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: 'activity_photo', center_id: w.center.id });
    const meta = await sharp(fs.readFileSync(storedFilePath(doc.storage_key))).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600 });
    expect(meta.exif).toBeUndefined();

    const served = await callLoader(photoLoader, { ...one(id, w.center.id, '/photo'), cookie: cookies.caregiver });
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect(served.headers.get('Cache-Control')).toBe('private, no-store');
    const anonymous = await callLoader(photoLoader, { ...one(id, w.center.id, '/photo') });
    expect(anonymous.status).toBe(302);
    expect((await callLoader(photoLoader, { ...one(id, w.center.id, '/photo'), cookie: cookies.parent })).status).toBe(
      404,
    );
    expect(
      (await callLoader(photoLoader, { ...one(id, w.center.id, '/photo'), cookie: cookies.otherCoordinator })).status,
    ).toBe(404);

    // Removing it deletes the document and its file.
    const removed = await callAction(editAction, {
      ...one(id, w.center.id, '/edit'),
      cookie: cookies.coordinator,
      form: activityForm({ title: 'Dengan foto', remove_photo: 'on' }),
    });
    expectRedirect(removed, `/c/${w.center.id}/activities/${id}`);
    expect(fs.existsSync(storedFilePath(doc.storage_key))).toBe(false);
    expect(
      (await callLoader(photoLoader, { ...one(id, w.center.id, '/photo'), cookie: cookies.caregiver })).status,
    ).toBe(404);
  });
});
