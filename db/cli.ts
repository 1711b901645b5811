// The `asuh` command: database chores for whoever runs a center's server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { z } from 'zod';
import { email, newPassword, text } from '~/modules/forms/fields';
import { createUser, findUserByEmail } from '~/modules/users/users.server';
import { ROLES } from '~/modules/users/staff';
import { createI18n, translateMessage } from '~/i18n/i18n';
import { MeasurementSchema } from '~/modules/growth/measurement';
import { computeZScores } from '~/modules/growth/who-standards.server';
import { closeDb, databaseConfig, getDb, openSqlite } from './client.server';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations/index';
import { printDemoLogins, seedDemo } from './seed/demo';
import { makeCenter } from './seed/factories';
import { CENTER_TIME_ZONES } from '~/modules/time/time';

const USAGE = `Usage: asuh <command> [options]

Commands:
  migrate                         Apply pending database migrations
  seed-demo                       Add the demo centers, staff and children (once; safe to repeat)
  create-center --name N --kind tas|workplace --city C --province P [--zone Asia/Jakarta|Asia/Makassar|Asia/Jayapura]
                                  Create a center (then add its classrooms under Settings)
  create-user --email E --name N --role R --center C [--password P]
                                  Create an account with a role (coordinator, teacher, caregiver)
                                  in a center (id or exact name). Without --password one is generated.
  backup <file>                   Copy the database to a file (SQLite online backup, or pg_dump)
  restore <file>                  Replace the database with a backup (stop the server first)
  doctor                          Print the configuration and check the database
  zscore --sex female|male --birth YYYY-MM-DD --measured YYYY-MM-DD [--weight KG]
         [--length CM --position lying|standing] [--head CM] [--muac CM]
                                  WHO Child Growth Standards z-scores, as one JSON object

The database is chosen by DATABASE_URL: a file path (default ./data/asuh.sqlite) or postgres://…`;

class UsageError extends Error {}

function describeTarget() {
  const config = databaseConfig();
  return config.dialect === 'sqlite' ? `SQLite ${config.file}` : `PostgreSQL ${config.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`;
}

async function migrate() {
  const results = await migrateToLatest(getDb());
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  console.log(applied.length ? `Applied ${applied.join(', ')} to ${describeTarget()}` : `${describeTarget()} is up to date`);
}

async function seed() {
  await migrateToLatest(getDb());
  const created = await seedDemo(getDb());
  console.log(created ? 'Demo data added.' : 'Demo data is already there; nothing changed.');
}

async function createCenterCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, kind: { type: 'string' }, city: { type: 'string' }, province: { type: 'string' }, zone: { type: 'string' }, address: { type: 'string' } } });
  const parsed = z
    .object({ name: text(120), kind: z.enum(['tas', 'workplace']), city: text(80), province: text(80), zone: z.enum(CENTER_TIME_ZONES).default('Asia/Jakarta'), address: text(300).default('-') })
    .safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message.replace(/^errors\./, '')}`).join('\n'));
  const center = await makeCenter(getDb(), { name: parsed.data.name, kind: parsed.data.kind, city: parsed.data.city, province: parsed.data.province, timeZone: parsed.data.zone });
  console.log(`Created ${parsed.data.kind === 'tas' ? 'TAS' : 'workplace daycare'} "${center.name}" with id ${center.id}.`);
}

async function createUserCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, center: { type: 'string' }, password: { type: 'string' } },
  });
  const parsed = z
    .object({ email, name: text(120), role: z.enum(ROLES), center: text(200), password: newPassword.optional() })
    .safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message.replace(/^errors\./, '')}`).join('\n'));
  }
  const { center, role } = parsed.data;
  const db = getDb();
  const found = await db.selectFrom('centers').select(['id', 'name']).where((eb) => eb.or([eb('id', '=', center), eb('name', '=', center)])).executeTakeFirst();
  if (!found) throw new UsageError(`No center with id or name "${center}".`);
  if (await findUserByEmail(parsed.data.email)) throw new UsageError(`An account with ${parsed.data.email} already exists.`);
  const password = parsed.data.password ?? (await import('node:crypto')).randomBytes(12).toString('base64url');
  await createUser({ email: parsed.data.email, name: parsed.data.name, password, actorId: null, membership: { centerId: found.id, role } });
  console.log(`Created ${role} ${parsed.data.email} in ${found.name}.`);
  if (!parsed.data.password) console.log(`Password: ${password}  (ask them to keep it safe)`);
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) throw new Error(`Could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} failed with exit code ${result.status}`);
}

async function backup(file: string | undefined) {
  if (!file) throw new UsageError('backup needs a file: asuh backup <file>');
  const config = databaseConfig();
  if (config.dialect === 'postgres') {
    run('pg_dump', ['--format=custom', `--file=${file}`, config.url]);
  } else {
    if (!fs.existsSync(config.file)) throw new Error(`No database at ${config.file}`);
    const sqlite = openSqlite(config.file);
    await sqlite.backup(file);
    sqlite.close();
  }
  console.log(`Backed up ${describeTarget()} to ${file}`);
}

async function restore(file: string | undefined) {
  if (!file) throw new UsageError('restore needs a file: asuh restore <file>');
  if (!fs.existsSync(file)) throw new UsageError(`No such file: ${file}`);
  const config = databaseConfig();
  if (config.dialect === 'postgres') {
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.url}`, file]);
  } else {
    // Check the backup before anything of the current database is touched.
    let check: Database.Database;
    try {
      check = new Database(file, { readonly: true, fileMustExist: true });
      const ok = check.pragma('integrity_check', { simple: true });
      check.close();
      if (ok !== 'ok') throw new Error(String(ok));
    } catch (error) {
      throw new UsageError(`${file} is not a usable SQLite backup: ${(error as Error).message}`);
    }
    for (const suffix of ['-wal', '-shm']) fs.rmSync(config.file + suffix, { force: true });
    fs.copyFileSync(file, config.file);
  }
  console.log(`Restored ${describeTarget()} from ${file}`);
}

async function doctor() {
  const config = databaseConfig();
  console.log(`Database:        ${describeTarget()}`);
  console.log(`NODE_ENV:        ${process.env.NODE_ENV ?? '(unset)'}`);
  console.log(`SESSION_SECRET:  ${process.env.SESSION_SECRET ? 'set' : process.env.NODE_ENV === 'production' ? 'MISSING (required in production)' : 'unset (development default in use)'}`);
  console.log(`PORT:            ${process.env.PORT ?? '3000 (default)'}`);
  const db = getDb();
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new Error(`Cannot reach the database: ${(error as Error).message}`);
  }
  const applied = await db
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .execute()
    .then((rows) => rows.map((r) => (r as { name: string }).name))
    .catch(() => [] as string[]);
  const pending = Object.keys(migrations).filter((m) => !applied.includes(m));
  console.log(`Connection:      ok (${config.dialect})`);
  console.log(`Migrations:      ${applied.length} applied, ${pending.length ? `${pending.length} pending: ${pending.join(', ')} — run "asuh migrate"` : 'none pending'}`);
  if (pending.length) process.exitCode = 1;
}

function zscoreCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { sex: { type: 'string' }, birth: { type: 'string' }, measured: { type: 'string' }, weight: { type: 'string' }, length: { type: 'string' }, position: { type: 'string' }, head: { type: 'string' }, muac: { type: 'string' } },
  });
  const parsed = MeasurementSchema.safeParse({
    sex: values.sex,
    birth_date: values.birth,
    measured_on: values.measured,
    weight_kg: values.weight,
    length_cm: values.length,
    position: values.position,
    head_cm: values.head,
    muac_cm: values.muac,
  });
  if (!parsed.success) {
    const t = createI18n('en').t;
    const option: Record<string, string> = { birth_date: 'birth', measured_on: 'measured', weight_kg: 'weight', length_cm: 'length', head_cm: 'head', muac_cm: 'muac' };
    throw new UsageError(parsed.error.issues.map((i) => `--${option[String(i.path[0])] ?? i.path[0]}: ${translateMessage(t, i.message)}`).join('\n'));
  }
  const m = parsed.data;
  const result = computeZScores({ sex: m.sex, birthDate: m.birth_date, measuredOn: m.measured_on, weightKg: m.weight_kg, lengthCm: m.length_cm, position: m.position, headCm: m.head_cm, muacCm: m.muac_cm });
  console.log(JSON.stringify({ ageDays: result.ageDays, wfa: result.wfa, lhfa: result.lhfa, wflh: result.wflh, bmifa: result.bmifa, hcfa: result.hcfa, acfa: result.acfa, flags: result.flags }));
}

export async function main(argv: string[]) {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate':
      return migrate();
    case 'seed-demo':
      await seed();
      return printDemoLogins();
    case 'create-center':
      return createCenterCommand(args);
    case 'create-user':
      return createUserCommand(args);
    case 'backup':
      return backup(args[0]);
    case 'restore':
      return restore(args[0]);
    case 'doctor':
      return doctor();
    case 'zscore':
      return zscoreCommand(args);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2))
  .catch((error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else console.error(`Error: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
