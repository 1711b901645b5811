// The public application form, which anyone may post to: rate limits, expiring drafts, document
// files that leave the disk with their rows, a size cap per application.
import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '~db/client.server';
import { applicationForm } from '~db/seed/factories';
import { saveDraft } from '~/modules/enrollment/applications.server';
import { hitRateLimit } from '~/modules/limits/rate-limit.server';
import { runJob } from '~/modules/jobs/jobs.server';
import { localDate } from '~/modules/time/time';
import { action as applyAction } from '~/routes/apply.$centerId';
import { action as statusPageAction, loader as statusPageLoader } from '~/routes/applications.$token';
import { twoCenters } from '../support/fixtures';
import { multipart, PDF_BYTES } from '../support/files';
import { callAction, callLoader, expectRedirect } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let today: string;
let address = 0;
/** A client address of its own for each test, so one test's count is not another's. */
const newAddress = () => `192.0.2.${++address}`;
const uniquePhone = (() => {
  let n = 100;
  return () => `0813-6666-${String(n++).padStart(4, '0')}`;
})();

beforeAll(async () => {
  w = await twoCenters();
  today = localDate('Asia/Jakarta');
});

const ENV = ['APPLY_POSTS_PER_HOUR', 'DRAFT_RETENTION_DAYS', 'APPLICATION_DOCUMENTS_MAX_MB'];
afterEach(() => {
  for (const name of ENV) delete process.env[name];
  vi.useRealTimers();
});

type Files = Parameters<typeof multipart>[1];
const form = (overrides: Record<string, string | string[]> = {}) =>
  applicationForm({ g1_phone: uniquePhone(), ...overrides }, { today });
const apply = (
  fields: Record<string, string | string[]>,
  { files = {}, intent = 'submit', ip = '127.0.0.1' }: { files?: Files; intent?: string; ip?: string } = {},
) =>
  callAction(applyAction, {
    path: `/apply/${w.center.id}`,
    params: { centerId: w.center.id },
    form: multipart({ ...fields, intent }, files),
    ip,
  });
const saveFromLink = (
  token: string,
  fields: Record<string, string | string[]>,
  { files = {}, intent = 'save', ip = '127.0.0.1' }: { files?: Files; intent?: string; ip?: string } = {},
) =>
  callAction(statusPageAction, {
    path: `/applications/${token}`,
    params: { token },
    form: multipart({ ...fields, intent }, files),
    ip,
  });
const tokenOf = (location: string | null) => location!.split('/applications/')[1].split('?')[0];
const pdf = (kilobytes: number) => ({
  name: 'dokumen.pdf',
  bytes: Buffer.concat([PDF_BYTES, Buffer.alloc(kilobytes * 1024)]),
});
const storedFiles = () =>
  fs.existsSync(process.env.UPLOAD_DIR!) ? fs.readdirSync(process.env.UPLOAD_DIR!).sort() : [];
const applicationByName = (name: string) =>
  getDb()
    .selectFrom('applications')
    .select(['id', 'status', 'updated_at'])
    .where('child_full_name', '=', name)
    .execute();
const documentsOf = (applicationId: string) =>
  getDb()
    .selectFrom('documents')
    .select(['id', 'kind', 'storage_key'])
    .where('application_id', '=', applicationId)
    .orderBy('kind')
    .execute();
const countApplications = async () =>
  Number(
    (
      await getDb()
        .selectFrom('applications')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
/** In the middle of an hour, so a test's posts never straddle two windows of the hourly count. */
const midHour = () => vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${today}T03:30:00.000Z`) });

describe('a limit per address on saves and submissions', () => {
  it('lets 30 of 40 simultaneous saves from one address through, refuses the rest clearly and keeps what was typed', async () => {
    midHour();
    const ip = newAddress();
    const before = await countApplications();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => apply({ child_full_name: `Anak Banyak ${i}` }, { intent: 'save', ip })),
    );
    const saved = results.filter((r) => r.status === 302);
    const refused = results.filter((r) => r.status === 429);
    expect(saved).toHaveLength(30);
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.data.errors).toEqual({ form: 'errors.tooManyApplications?minutes=30' });
      expect(r.data.values.child_full_name).toMatch(/^Anak Banyak \d+$/);
    }
    expect(await countApplications()).toBe(before + 30);
    // Another address, say another family's home, is not affected.
    expectRedirect(await apply({ child_full_name: 'Anak Lain' }, { intent: 'save', ip: newAddress() }), /\?saved=1$/);
  });

  it('counts drafts finished from their link and submissions alike, only once the form is valid; the limit is configurable', async () => {
    midHour();
    process.env.APPLY_POSTS_PER_HOUR = '3';
    const ip = newAddress();
    // Mistakes corrected before sending cost nothing.
    for (let i = 0; i < 5; i++)
      expect(await apply(form({ child_birth_date: '2099-01-01' }), { ip })).toMatchObject({
        status: 400,
        data: { errors: { child_birth_date: 'errors.birthInFuture' } },
      });
    const draft = await apply({ child_full_name: 'Hitung Satu' }, { intent: 'save', ip });
    const token = tokenOf(draft.headers.get('Location'));
    expectRedirect(await saveFromLink(token, { child_full_name: 'Hitung Satu' }, { ip }), /\?saved=1$/);
    expectRedirect(await apply(form({ child_full_name: 'Hitung Dua' }), { ip }), /^\/applications\//);
    const refused = await saveFromLink(token, form({ child_full_name: 'Hitung Satu' }), { intent: 'submit', ip });
    expect(refused.status).toBe(429);
    expect(refused.data).toMatchObject({
      errors: { form: 'errors.tooManyApplications?minutes=30' },
      values: { child_full_name: 'Hitung Satu' },
    });
    expect((await applicationByName('Hitung Satu'))[0].status).toBe('draft');
  });

  it('counts atomically: of 100 simultaneous hits, exactly the limit pass; a new window starts over', async () => {
    const now = new Date('2026-05-04T10:20:00.000Z');
    const verdicts = await Promise.all(
      Array.from({ length: 100 }, () => hitRateLimit('test:atomic', { limit: 30, windowSeconds: 3600 }, now)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(30);
    expect(verdicts.find((v) => !v.allowed)).toEqual({ allowed: false, retryAfterSeconds: 40 * 60 });
    expect(
      await hitRateLimit('test:atomic', { limit: 30, windowSeconds: 3600 }, new Date('2026-05-04T11:00:00.000Z')),
    ).toEqual({ allowed: true });
    const row = await getDb()
      .selectFrom('rate_limits')
      .select(['window_start', 'hits'])
      .where('key', '=', 'test:atomic')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ window_start: '2026-05-04T11:00:00.000Z', hits: 1 });
  });
});

describe('drafts expire', () => {
  const age = async (applicationId: string, days: number) =>
    getDb()
      .updateTable('applications')
      .set({ updated_at: new Date(Date.now() - days * 86_400_000).toISOString() })
      .where('id', '=', applicationId)
      .execute();

  it('after DRAFT_RETENTION_DAYS without a save: the link is a 404 and the cleanup deletes the draft, its documents and files', async () => {
    const saved = await apply(
      { child_full_name: 'Draf Lama' },
      { intent: 'save', files: { doc_birth_certificate: pdf(1) }, ip: newAddress() },
    );
    const token = tokenOf(saved.headers.get('Location'));
    const [draft] = await applicationByName('Draf Lama');
    const [doc] = await documentsOf(draft.id);
    expect(storedFiles()).toContain(doc.storage_key);
    const kept = await apply(
      { child_full_name: 'Draf Baru' },
      { intent: 'save', files: { doc_family_card: pdf(1) }, ip: newAddress() },
    );
    const submitted = await apply(form({ child_full_name: 'Terkirim Lama' }), { ip: newAddress() });
    const [old] = await applicationByName('Terkirim Lama');
    await age(old.id, 400);

    await age(draft.id, 29);
    expect((await callLoader(statusPageLoader, { path: '', params: { token } })).status).toBe(200);
    await age(draft.id, 31);
    expect((await callLoader(statusPageLoader, { path: '', params: { token } })).status).toBe(404);
    expect((await saveFromLink(token, { child_full_name: 'Draf Lama' })).status).toBe(404);

    const result = await runJob('expire-drafts');
    expect(result.summary).toMatch(/deleted [1-9]\d* expired draft/);
    expect(await applicationByName('Draf Lama')).toEqual([]);
    expect(await documentsOf(draft.id)).toEqual([]);
    expect(
      await getDb().selectFrom('application_events').select('id').where('application_id', '=', draft.id).execute(),
    ).toEqual([]);
    expect(storedFiles()).not.toContain(doc.storage_key);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('entity_id', 'in', [draft.id, doc.id])
      .execute();
    expect(audit.map((a) => `${a.entity} ${a.action}`).sort()).toEqual([
      'application create',
      'application delete',
      'document create',
      'document delete',
    ]);

    // A recent draft and an old submitted application stay, with their files.
    const [fresh] = await applicationByName('Draf Baru');
    expect(await documentsOf(fresh.id)).toHaveLength(1);
    expect(storedFiles()).toContain((await documentsOf(fresh.id))[0].storage_key);
    expect(
      (await callLoader(statusPageLoader, { path: '', params: { token: tokenOf(kept.headers.get('Location')) } }))
        .status,
    ).toBe(200);
    expect(
      (await callLoader(statusPageLoader, { path: '', params: { token: tokenOf(submitted.headers.get('Location')) } }))
        .data.status,
    ).toBe('submitted');
  });

  it('follow DRAFT_RETENTION_DAYS from the environment', async () => {
    process.env.DRAFT_RETENTION_DAYS = '7';
    const saved = await apply({ child_full_name: 'Draf Seminggu' }, { intent: 'save', ip: newAddress() });
    const token = tokenOf(saved.headers.get('Location'));
    const page = await callLoader(statusPageLoader, { path: '', params: { token } });
    expect(page.data.draft?.keptDays).toBe(7);
    const [draft] = await applicationByName('Draf Seminggu');
    await age(draft.id, 8);
    expect((await callLoader(statusPageLoader, { path: '', params: { token } })).status).toBe(404);
    await runJob('expire-drafts');
    expect(await applicationByName('Draf Seminggu')).toEqual([]);
  });

  it('are each deleted once when several processes clean up at the same time', async () => {
    const names = ['Serentak A', 'Serentak B', 'Serentak C', 'Serentak D'];
    for (const name of names)
      await apply(
        { child_full_name: name },
        { intent: 'save', files: { doc_birth_certificate: pdf(1) }, ip: newAddress() },
      );
    const ids = (
      await getDb().selectFrom('applications').select('id').where('child_full_name', 'in', names).execute()
    ).map((r) => r.id);
    for (const id of ids) await age(id, 45);
    const runs = await Promise.all(Array.from({ length: 4 }, () => runJob('expire-drafts')));
    const deleted = runs.reduce((sum, r) => sum + Number(/deleted (\d+)/.exec(r.summary)![1]), 0);
    expect(deleted).toBe(ids.length);
    expect(await getDb().selectFrom('applications').select('id').where('id', 'in', ids).execute()).toEqual([]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'application')
      .where('action', '=', 'delete')
      .where('entity_id', 'in', ids)
      .execute();
    expect(audit).toHaveLength(ids.length);
  });
});

describe('document files', () => {
  it('a new upload of the same kind replaces the old document, and its file leaves the disk after the save', async () => {
    const ip = newAddress();
    const saved = await apply(
      { child_full_name: 'Ganti Akta' },
      { intent: 'save', files: { doc_birth_certificate: pdf(1), doc_family_card: pdf(1) }, ip },
    );
    const token = tokenOf(saved.headers.get('Location'));
    const [app] = await applicationByName('Ganti Akta');
    const [oldCertificate, familyCard] = await documentsOf(app.id);
    expect(oldCertificate.kind).toBe('birth_certificate');

    expectRedirect(
      await saveFromLink(token, { child_full_name: 'Ganti Akta' }, { files: { doc_birth_certificate: pdf(2) }, ip }),
      /\?saved=1$/,
    );
    const after = await documentsOf(app.id);
    expect(after.map((d) => d.kind)).toEqual(['birth_certificate', 'family_card']);
    const newCertificate = after[0];
    expect(newCertificate.storage_key).not.toBe(oldCertificate.storage_key);
    expect(storedFiles()).toEqual(expect.arrayContaining([newCertificate.storage_key, familyCard.storage_key]));
    expect(storedFiles()).not.toContain(oldCertificate.storage_key);

    // Finishing the draft with another replacement does the same.
    expectRedirect(
      await saveFromLink(token, form({ child_full_name: 'Ganti Akta' }), {
        intent: 'submit',
        files: { doc_birth_certificate: pdf(3) },
        ip,
      }),
      `/applications/${token}`,
    );
    expect(storedFiles()).not.toContain(newCertificate.storage_key);
    expect(await documentsOf(app.id)).toHaveLength(2);
  });

  it('a save that writes nothing leaves no file behind', async () => {
    const before = storedFiles();
    const checked = { fileName: 'akta.pdf', bytes: new Uint8Array(PDF_BYTES), mimeType: 'application/pdf' };
    const result = await saveDraft({
      centerId: w.center.id,
      token: 'bukan-tautan-yang-ada',
      form: { child_full_name: 'Tidak Ada' },
      documents: { birth_certificate: checked },
    });
    expect(result).toEqual({ ok: false, error: 'notFound' });
    expect(storedFiles()).toEqual(before);
  });

  it('caps the total size of one application’s documents with a clear message, keeping what was typed', async () => {
    process.env.APPLICATION_DOCUMENTS_MAX_MB = '1';
    const ip = newAddress();
    const saved = await apply(
      { child_full_name: 'Batas Ukuran' },
      { intent: 'save', files: { doc_birth_certificate: pdf(600) }, ip },
    );
    const token = tokenOf(saved.headers.get('Location'));
    const [app] = await applicationByName('Batas Ukuran');
    const before = { docs: await documentsOf(app.id), files: storedFiles() };

    const tooMuch = await saveFromLink(
      token,
      { child_full_name: 'Batas Ukuran', g1_name: 'Ibu Batas' },
      { files: { doc_family_card: pdf(600) }, ip },
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.data).toMatchObject({
      errors: { doc_family_card: 'errors.documentsTooLarge?max=1' },
      values: { child_full_name: 'Batas Ukuran', g1_name: 'Ibu Batas' },
    });
    expect({ docs: await documentsOf(app.id), files: storedFiles() }).toEqual(before);
    expect(
      JSON.parse(
        (await getDb().selectFrom('applications').select('form').where('id', '=', app.id).executeTakeFirstOrThrow())
          .form,
      ).g1_name,
    ).toBeUndefined();

    // A replacement counts instead of the file it replaces.
    expectRedirect(
      await saveFromLink(
        token,
        { child_full_name: 'Batas Ukuran' },
        { files: { doc_birth_certificate: pdf(900) }, ip },
      ),
      /\?saved=1$/,
    );

    const both = await apply(form({ child_full_name: 'Batas Dua' }), {
      files: { doc_birth_certificate: pdf(600), doc_family_card: pdf(600) },
      ip,
    });
    expect(both.data.errors).toEqual({
      doc_birth_certificate: 'errors.documentsTooLarge?max=1',
      doc_family_card: 'errors.documentsTooLarge?max=1',
    });
    expect(await applicationByName('Batas Dua')).toEqual([]);
  });
});
