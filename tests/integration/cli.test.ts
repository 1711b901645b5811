import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDb, getDb } from '~db/client.server';
import { testDialect, TMP_DIR } from '../support/databases';

// Asynchronous, so the test worker stays responsive while the command runs.
function asuh(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/asuh.js', ...args], { env: { ...process.env, NODE_ENV: 'test' }, timeout: 60_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err });
    });
  });
}

const countChildren = async () => Number((await getDb().selectFrom('children').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('the asuh command', () => {
  it('prints usage, and fails clearly on an unknown command', async () => {
    expect(await asuh('--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: asuh <command>') });
    const unknown = await asuh('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
  });

  it('migrates, and seeds the demo once however often it runs', async () => {
    expect(await asuh('migrate')).toMatchObject({ code: 0, out: expect.stringContaining('up to date') });
    const first = await asuh('seed-demo');
    expect(first.code).toBe(0);
    expect(first.out).toContain('koordinator@demo.asuh.id');
    expect(await countChildren()).toBe(30);
    expect(await asuh('seed-demo')).toMatchObject({ code: 0, out: expect.stringContaining('nothing changed') });
    expect(await countChildren()).toBe(30);
  }, 60_000);

  it('creates a center for a fresh installation', async () => {
    const made = await asuh('create-center', '--name', 'TAS Baru', '--kind', 'tas', '--city', 'Makassar', '--province', 'Sulawesi Selatan', '--zone', 'Asia/Makassar');
    expect(made).toMatchObject({ code: 0, out: expect.stringContaining('TAS Baru') });
    expect((await getDb().selectFrom('centers').select('time_zone').where('name', '=', 'TAS Baru').executeTakeFirstOrThrow()).time_zone).toBe('Asia/Makassar');
    expect(await asuh('create-center', '--name', 'X', '--kind', 'school', '--city', 'A', '--province', 'B')).toMatchObject({ code: 1, err: expect.stringContaining('--kind') });
  });

  it('creates a user with a role in a center, and explains bad arguments', async () => {
    const ok = await asuh('create-user', '--email', 'Baru@Example.test', '--name', 'Staf Baru', '--role', 'caregiver', '--center', 'TAS Cempaka Harapan');
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('Password:') });
    const row = await getDb().selectFrom('users').innerJoin('memberships', 'memberships.user_id', 'users.id').select(['memberships.role']).where('users.email', '=', 'baru@example.test').executeTakeFirstOrThrow();
    expect(row.role).toBe('caregiver');
    expect(await asuh('create-user', '--email', 'bukan-email', '--name', 'X', '--role', 'boss', '--center', 'x')).toMatchObject({ code: 1, err: expect.stringContaining('--email') });
    expect(await asuh('create-user', '--email', 'x@example.test', '--name', 'X', '--role', 'teacher', '--center', 'Nowhere')).toMatchObject({ code: 1, err: expect.stringContaining('No center') });
    expect(await asuh('create-user', '--email', 'baru@example.test', '--name', 'X', '--role', 'teacher', '--center', 'TAS Cempaka Harapan')).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
  }, 60_000);

  it('reports configuration and database health', async () => {
    const doctor = await asuh('doctor');
    expect(doctor.code).toBe(0);
    expect(doctor.out).toMatch(/Connection:\s+ok/);
    expect(doctor.out).toMatch(/none pending/);
  });

  it('backs up and restores the database', async () => {
    const file = path.join(TMP_DIR, `backup-${process.pid}-${Date.now()}.${testDialect === 'sqlite' ? 'sqlite' : 'dump'}`);
    expect(await asuh('backup', file)).toMatchObject({ code: 0 });
    await getDb().updateTable('children').set({ full_name: 'Diubah Setelah Cadangan' }).execute();
    expect(await countChildren()).toBe(30);
    await closeDb(); // the restore replaces the database under any open connection
    expect(await asuh('restore', file)).toMatchObject({ code: 0 });
    const names = await getDb().selectFrom('children').select('full_name').execute();
    expect(names).toHaveLength(30);
    expect(names.filter((n) => n.full_name === 'Diubah Setelah Cadangan')).toEqual([]);
    expect(await asuh('restore', path.join(TMP_DIR, 'missing.file'))).toMatchObject({ code: 1, err: expect.stringContaining('No such file') });
    expect(await asuh('backup')).toMatchObject({ code: 1, err: expect.stringContaining('needs a file') });
  }, 60_000);
});

describe('asuh zscore', () => {
  it('prints the WHO z-scores as one JSON object', async () => {
    const result = await asuh('zscore', '--sex', 'female', '--birth', '2025-11-29', '--measured', '2026-11-29', '--weight', '7.0', '--length', '70', '--position', 'standing', '--head', '44', '--muac', '13.5');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(Object.keys(json)).toEqual(['ageDays', 'wfa', 'lhfa', 'wflh', 'bmifa', 'hcfa', 'acfa', 'flags']);
    expect(json).toMatchObject({ ageDays: 365, wfa: -2.05, flags: [] });
    expect(json.lhfa).toBeLessThan(-1);
  });

  it('exits non-zero with a message for invalid input', async () => {
    const metres = await asuh('zscore', '--sex', 'male', '--birth', '2025-01-01', '--measured', '2026-01-01', '--length', '0.85', '--position', 'lying');
    expect(metres.code).toBe(1);
    expect(metres.err).toContain('--length: This looks like metres');
    const before = await asuh('zscore', '--sex', 'male', '--birth', '2026-01-01', '--measured', '2025-01-01', '--weight', '9');
    expect(before).toMatchObject({ code: 1, err: expect.stringContaining('before the date of birth') });
    expect(await asuh('zscore', '--sex', 'other', '--birth', '2026-01-01', '--measured', '2026-02-01', '--weight', '4')).toMatchObject({ code: 1, err: expect.stringContaining('--sex') });
  });
});
