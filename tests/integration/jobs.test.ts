// Scheduled work: the worker's named jobs, claimed once per interval among processes, and the
// `asuh jobs` command that runs them once.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import { makeCenter } from '~db/seed/factories';
import { JOB_NAMES, JOBS, runDueJobs, startJobWorker } from '~/modules/jobs/jobs.server';
import { hitRateLimit } from '~/modules/limits/rate-limit.server';

function asuh(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/asuh.js', ...args],
      { env: { ...process.env, NODE_ENV: 'test' }, timeout: 60_000 },
      (error, out, err) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err });
      },
    );
  });
}

async function oldDraft(name: string, lastSaved: string) {
  const center = await makeCenter(getDb(), { name: `TAS ${name}` });
  const id = newId();
  await getDb()
    .insertInto('applications')
    .values({
      id,
      center_id: center.id,
      reference_code: null,
      access_token_hash: newId(),
      status: 'draft',
      form: '{}',
      child_full_name: name,
      child_birth_date: null,
      duplicate_key: null,
      primary_email: null,
      preferred_start_date: null,
      classroom_id: null,
      priority_score: 0,
      priority_override: null,
      priority_override_reason: null,
      offer_expires_on: null,
      child_id: null,
      submitted_at: null,
      created_at: lastSaved,
      updated_at: lastSaved,
    })
    .execute();
  return id;
}
const exists = async (id: string) =>
  (await getDb().selectFrom('applications').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

describe('the job worker', () => {
  it('starts each due job once among processes ticking together, then not again until its interval has passed', async () => {
    const now = new Date('2031-01-01T00:00:00.000Z');
    const ticks = await Promise.all(Array.from({ length: 5 }, () => runDueJobs(now)));
    expect(
      ticks
        .flat()
        .map((r) => r.name)
        .sort(),
    ).toEqual([...JOB_NAMES].sort());
    // 59 minutes on, only the jobs that run more often than hourly are due again.
    const dueWithin = (minutes: number) => JOB_NAMES.filter((name) => JOBS[name].everyMinutes <= minutes).sort();
    expect((await runDueJobs(new Date('2031-01-01T00:59:00.000Z'))).map((r) => r.name).sort()).toEqual(dueWithin(59));
    // An hour on, the hourly jobs are due; those run at 00:59 only if their interval is a minute.
    expect((await runDueJobs(new Date('2031-01-01T01:00:00.000Z'))).map((r) => r.name).sort()).toEqual(
      JOB_NAMES.filter((name) => JOBS[name].everyMinutes > 59 || JOBS[name].everyMinutes <= 1).sort(),
    );
  });

  it('runs on its own once started, and stops when asked', async () => {
    await getDb().deleteFrom('scheduled_jobs').execute();
    const draft = await oldDraft('Draf Pekerja', '2020-01-01T00:00:00.000Z');
    const stop = startJobWorker({ tickMs: 20 });
    for (let i = 0; i < 100 && (await exists(draft)); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await stop();
    expect(await exists(draft)).toBe(false);
    const started = await getDb().selectFrom('scheduled_jobs').select('name').execute();
    expect(started.map((r) => r.name).sort()).toEqual([...JOB_NAMES].sort());
  });
});

describe('asuh jobs', () => {
  it('runs every job once, or one by name, and explains an unknown name', async () => {
    const draft = await oldDraft('Draf Perintah', '2020-01-01T00:00:00.000Z');
    const recent = await oldDraft('Draf Kemarin', new Date(Date.now() - 86_400_000).toISOString());
    await hitRateLimit('test:cli', { limit: 1, windowSeconds: 3600 }, new Date('2020-01-01T00:00:00.000Z'));

    const one = await asuh('jobs', 'expire-drafts');
    expect(one).toMatchObject({ code: 0, out: expect.stringContaining('expire-drafts: deleted 1 expired draft') });
    expect(one.out).not.toContain('prune-rate-limits');
    expect(await exists(draft)).toBe(false);
    expect(await exists(recent)).toBe(true);

    const all = await asuh('jobs');
    expect(all).toMatchObject({ code: 0, out: expect.stringContaining('prune-rate-limits: forgot 1 old rate-limit') });
    expect(all.out).toContain('expire-drafts: deleted 0 expired draft');
    expect(await getDb().selectFrom('rate_limits').select('key').where('key', '=', 'test:cli').execute()).toEqual([]);

    const unknown = await asuh('jobs', 'frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown job "frobnicate"');
    expect(unknown.err).toContain('jobs [name]');
    expect((await asuh('--help')).out).toContain('expire-drafts, expire-offers, prune-rate-limits');
  }, 60_000);
});
