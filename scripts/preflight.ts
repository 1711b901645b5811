// `npm test` runs this first: when something the later steps need is missing, it stops at once
// with one line per problem saying what to install or set, instead of a stack trace minutes later.
// It prints nothing when all is well.
//
//   tsx scripts/preflight.ts [chromium] [postgres]     (no argument: both)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { choosePostgres, type PostgresPlan } from '../tests/support/postgres';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export type Facts = {
  /** The browser the end-to-end tests launch (playwright.config.ts). */
  chromium?: { path: string; fromEnv: boolean; executable: boolean };
  /** The PostgreSQL pass: its server, and the client tools that `asuh backup`/`restore` run. */
  postgres?: { plan: PostgresPlan; serverMajor: number | null; pgDump: number | null; pgRestore: number | null };
};

/** What stops the run, one line each: pure, so it is unit-tested (tests/unit/preflight.test.ts). */
export function problems({ chromium, postgres }: Facts): string[] {
  const found: string[] = [];
  if (chromium && !chromium.executable) {
    found.push(
      chromium.fromEnv
        ? `CHROMIUM_PATH is ${chromium.path}, which is not an executable file: point it at Chromium, or unset it and install Debian's with "apt-get install -y chromium".`
        : `Chromium is missing (${chromium.path}), which the browser tests run: install it with "apt-get install -y chromium", or set CHROMIUM_PATH to another Chromium.`,
    );
  }
  if (postgres) {
    const { plan, serverMajor, pgDump, pgRestore } = postgres;
    if (plan.use === 'none') found.push(plan.problem);
    const missing = [pgDump === null && 'pg_dump', pgRestore === null && 'pg_restore'].filter(Boolean);
    if (missing.length) {
      found.push(
        `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing, which the backup tests run on PostgreSQL: install ${missing.length > 1 ? 'them' : 'it'} with "apt-get install -y postgresql-client".`,
      );
    } else if (serverMajor !== null && Math.min(pgDump!, pgRestore!) < serverMajor) {
      found.push(
        `pg_dump ${pgDump} and pg_restore ${pgRestore} are older than the PostgreSQL ${serverMajor} server they would back up and restore: install postgresql-client-${serverMajor} or newer.`,
      );
    }
  }
  return found;
}

/** The major version a PostgreSQL client tool reports (`pg_dump (PostgreSQL) 15.18 (Debian …)`), or null if it does not run. */
export function toolMajor(output: string | null): number | null {
  const match = output?.match(/\(PostgreSQL\)\s+(\d+)/);
  return match ? Number(match[1]) : null;
}

function versionOf(command: string) {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return toolMajor(run.status === 0 ? run.stdout : null);
}

async function gather(checks: Set<string>): Promise<Facts> {
  const facts: Facts = {};
  if (checks.has('chromium')) {
    const fromEnv = Boolean(process.env.CHROMIUM_PATH);
    const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
    let executable = false;
    try {
      fs.accessSync(path, fs.constants.X_OK);
      executable = fs.statSync(path).isFile();
    } catch {
      /* missing */
    }
    facts.chromium = { path, fromEnv, executable };
  }
  if (checks.has('postgres')) {
    const plan = await choosePostgres();
    const serverMajor = plan.use === 'url' ? plan.serverMajor : plan.use === 'throwaway' ? plan.binaries.major : null;
    facts.postgres = { plan, serverMajor, pgDump: versionOf('pg_dump'), pgRestore: versionOf('pg_restore') };
  }
  return facts;
}

async function main() {
  const asked = process.argv.slice(2);
  const checks = new Set(asked.length ? asked : ['chromium', 'postgres']);
  const found = problems(await gather(checks));
  for (const line of found) console.error(line);
  process.exitCode = found.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: Error) => {
    console.error(`The preflight check failed: ${error.message}`);
    process.exitCode = 1;
  });
}
