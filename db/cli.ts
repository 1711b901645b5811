// The `asuh` command: database chores for whoever runs a center's server.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { email, newPassword, text } from '~/modules/forms/fields';
import { createUser, findUserByEmail, setAccountDisabled } from '~/modules/users/users.server';
import { issueOperatorReset, RESET_HOURS } from '~/modules/auth/passwords.server';
import { ROLES } from '~/modules/users/staff';
import { createI18n } from '~/i18n/catalogs.server';
import { translateMessage } from '~/i18n/i18n';
import { MeasurementSchema } from '~/modules/growth/measurement';
import { computeZScores } from '~/modules/growth/who-standards.server';
import { checkEncryptionKeys, describeEncryptionKeys } from '~/modules/auth/secrets.server';
import { reencryptTotpSecrets, totpSecretsToReencrypt } from '~/modules/auth/two-factor.server';
import { uploadDir } from '~/modules/files/uploads.server';
import { checkHealth, missingUploads } from '~/modules/health/health.server';
import { createBackup, restoreBackup } from './backup';
import { closeDb, databaseConfig, getDb } from './client.server';
import { migrateToLatest } from './migrate';
import { printDemoLogins, seedDemo } from './seed/demo';
import { makeCenter } from './seed/factories';
import { CENTER_TIME_ZONES } from '~/modules/time/time';
import { isJobName, JOB_NAMES, runAllJobs, runJob } from '~/modules/jobs/jobs.server';
import { describeMailConfig } from '~/modules/notifications/mail-config.server';
import { outboxCounts } from '~/modules/notifications/mailbox.server';
import { centersInRegion, inviteRegional } from '~/modules/regional/invites.server';
import { INVITE_DAYS } from '~/modules/users/invites.server';

const USAGE = `Usage: asuh <command> [options]

Commands:
  migrate                         Apply pending database migrations
  seed-demo                       Add the demo centers, staff and children (once; safe to repeat)
  create-center --name N --kind tas|workplace --city C --province P [--zone Asia/Jakarta|Asia/Makassar|Asia/Jayapura]
                                  Create a center (then add its classrooms under Settings)
  create-user --email E --name N --role R --center C [--password P]
                                  Create an account with a role (coordinator, teacher, caregiver)
                                  in a center (id or exact name). Without --password one is generated.
  disable-account --email E       Disable an account everywhere and end its sessions (an operator's
                                  decision; coordinators suspend people in their own center only)
  enable-account --email E        Enable a disabled account again
  invite-regional --email E --province P [--city C] [--name N]
                                  Invite a regional overseer (e.g. the social office) over a province, or a
                                  city/regency in it; prints a one-time link (/invite/…, valid ${INVITE_DAYS} days).
                                  They see every center's figures there, counted and never named
  reset-link --email E            Print a one-time password reset path (/reset/…, valid ${RESET_HOURS} hours) to
                                  pass on; two-step sign-in, when on, still applies
  backup <file>                   Write one archive (.tar.gz, mode 0600) with the database (SQLite online
                                  backup, or pg_dump) and the uploaded files; never the encryption key
  restore <file>                  Replace the database and the uploaded files with a backup's, after
                                  checking it; refused while a server is running on the database
  doctor                          Print the configuration (mail included); check the database (reachable,
                                  migrated, writable), that every uploaded file it refers to exists, and
                                  how much email waits or failed
  rotate-encryption-key           Re-encrypt the stored two-step secrets under ENCRYPTION_KEY (after a
                                  key change, with the old key in ENCRYPTION_KEY_PREVIOUS)
  zscore --sex female|male --birth YYYY-MM-DD --measured YYYY-MM-DD [--weight KG]
         [--length CM --position lying|standing] [--head CM] [--muac CM]
                                  WHO Child Growth Standards z-scores, as one JSON object
  jobs [name]                     Run the scheduled jobs once now (all, or one of: ${JOB_NAMES.join(', ')});
                                  the server also runs them on its own

The database is chosen by DATABASE_URL: a file path (default ./data/asuh.sqlite) or postgres://…`;

class UsageError extends Error {}

function describeTarget() {
  const config = databaseConfig();
  return config.dialect === 'sqlite'
    ? `SQLite ${config.file}`
    : `PostgreSQL ${config.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`;
}

async function migrate() {
  const results = await migrateToLatest(getDb());
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  console.log(
    applied.length ? `Applied ${applied.join(', ')} to ${describeTarget()}` : `${describeTarget()} is up to date`,
  );
}

async function seed() {
  await migrateToLatest(getDb());
  const created = await seedDemo(getDb());
  console.log(created ? 'Demo data added.' : 'Demo data is already there; nothing changed.');
}

async function createCenterCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      kind: { type: 'string' },
      city: { type: 'string' },
      province: { type: 'string' },
      zone: { type: 'string' },
      address: { type: 'string' },
    },
  });
  const parsed = z
    .object({
      name: text(120),
      kind: z.enum(['tas', 'workplace']),
      city: text(80),
      province: text(80),
      zone: z.enum(CENTER_TIME_ZONES).default('Asia/Jakarta'),
      address: text(300).default('-'),
    })
    .safeParse(values);
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message.replace(/^errors\./, '')}`).join('\n'),
    );
  const center = await makeCenter(getDb(), {
    name: parsed.data.name,
    kind: parsed.data.kind,
    city: parsed.data.city,
    province: parsed.data.province,
    timeZone: parsed.data.zone,
  });
  console.log(
    `Created ${parsed.data.kind === 'tas' ? 'TAS' : 'workplace daycare'} "${center.name}" with id ${center.id}.`,
  );
}

async function createUserCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      center: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const parsed = z
    .object({ email, name: text(120), role: z.enum(ROLES), center: text(200), password: newPassword.optional() })
    .safeParse(values);
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message.replace(/^errors\./, '')}`).join('\n'),
    );
  }
  const { center, role } = parsed.data;
  const db = getDb();
  const found = await db
    .selectFrom('centers')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', center), eb('name', '=', center)]))
    .executeTakeFirst();
  if (!found) throw new UsageError(`No center with id or name "${center}".`);
  if (await findUserByEmail(parsed.data.email))
    throw new UsageError(`An account with ${parsed.data.email} already exists.`);
  const password = parsed.data.password ?? (await import('node:crypto')).randomBytes(12).toString('base64url');
  await createUser({
    email: parsed.data.email,
    name: parsed.data.name,
    password,
    actorId: null,
    membership: { centerId: found.id, role },
  });
  console.log(`Created ${role} ${parsed.data.email} in ${found.name}.`);
  if (!parsed.data.password) console.log(`Password: ${password}  (ask them to keep it safe)`);
}

async function backup(file: string | undefined) {
  if (!file) throw new UsageError('backup needs a file: asuh backup <file>');
  const manifest = await createBackup({ file, config: databaseConfig(), uploadDir: uploadDir() });
  console.log(
    `Backed up ${describeTarget()} (${manifest.migrations.length} migrations applied) and ${uploadDir()} to ${file}`,
  );
}

async function restore(file: string | undefined) {
  if (!file) throw new UsageError('restore needs a file: asuh restore <file>');
  if (!fs.existsSync(file)) throw new UsageError(`No such file: ${file}`);
  const manifest = await restoreBackup({ file, config: databaseConfig(), uploadDir: uploadDir() });
  console.log(`Restored ${describeTarget()} and ${uploadDir()} from ${file} (made ${manifest.created_at}).`);
  console.log('Run "asuh migrate" if this version of Asuh has migrations the backup did not, then "asuh doctor".');
}

/**
 * Prints the configuration and checkHealth's answer (the check /healthz runs); if that is ok, also the
 * missing uploaded files and the secrets still to re-encrypt. Exits non-zero on any problem.
 */
async function doctor() {
  const config = databaseConfig();
  const keys = describeEncryptionKeys();
  console.log(`Database:        ${describeTarget()}`);
  console.log(`Uploads:         ${uploadDir()}`);
  console.log(`NODE_ENV:        ${process.env.NODE_ENV ?? '(unset)'}`);
  console.log(
    `SESSION_SECRET:  ${process.env.SESSION_SECRET ? 'set' : process.env.NODE_ENV === 'production' ? 'MISSING (required in production)' : 'unset (development default in use)'}`,
  );
  console.log(`ENCRYPTION_KEY:  ${keys.text}`);
  console.log(`PORT:            ${process.env.PORT ?? '3000 (default)'}`);
  const mail = describeMailConfig();
  for (const [label, text] of mail.lines) console.log(`${label.padEnd(17)}${text}`);
  if (!keys.ok || !mail.ok) process.exitCode = 1;
  const health = await checkHealth(getDb);
  if (health.status === 'error') {
    const hint = health.reason === 'migrationsPending' ? ' — run "asuh migrate"' : '';
    console.log(`Health:          ${health.reason}: ${health.detail}${hint}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Health:          ok (${config.dialect}): reachable, ${health.appliedMigrations} migrations applied, none pending, writable`,
  );
  const missing = await missingUploads(getDb());
  if (missing.length) {
    console.log(
      `Files:           ${missing.length} uploaded file(s) the database refers to are missing from ${uploadDir()}:`,
    );
    for (const doc of missing) console.log(`                 document ${doc.id}: ${doc.storage_key}`);
    process.exitCode = 1;
  } else {
    console.log('Files:           every uploaded file the database refers to is there');
  }
  const outbox = await outboxCounts();
  console.log(
    `Outbox:          ${outbox.pending} email(s) waiting, ${outbox.failed} failed after every attempt (each center's coordinator sees them under Email)`,
  );
  if (keys.ok) {
    const stale = await totpSecretsToReencrypt();
    console.log(
      `TOTP secrets:    ${stale ? `${stale} not under the current ENCRYPTION_KEY — run "asuh rotate-encryption-key"` : 'all under the current ENCRYPTION_KEY'}`,
    );
  }
}

async function rotateEncryptionKey() {
  checkEncryptionKeys();
  const { reencrypted, current } = await reencryptTotpSecrets();
  console.log(`Re-encrypted ${reencrypted} two-step secret(s) under ENCRYPTION_KEY; ${current} already were.`);
  console.log("ENCRYPTION_KEY_PREVIOUS can now be removed from the servers' environment.");
}

function zscoreCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      sex: { type: 'string' },
      birth: { type: 'string' },
      measured: { type: 'string' },
      weight: { type: 'string' },
      length: { type: 'string' },
      position: { type: 'string' },
      head: { type: 'string' },
      muac: { type: 'string' },
    },
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
    const option: Record<string, string> = {
      birth_date: 'birth',
      measured_on: 'measured',
      weight_kg: 'weight',
      length_cm: 'length',
      head_cm: 'head',
      muac_cm: 'muac',
    };
    throw new UsageError(
      parsed.error.issues
        .map((i) => `--${option[String(i.path[0])] ?? i.path[0]}: ${translateMessage(t, i.message)}`)
        .join('\n'),
    );
  }
  const m = parsed.data;
  const result = computeZScores({
    sex: m.sex,
    birthDate: m.birth_date,
    measuredOn: m.measured_on,
    weightKg: m.weight_kg,
    lengthCm: m.length_cm,
    position: m.position,
    headCm: m.head_cm,
    muacCm: m.muac_cm,
  });
  console.log(
    JSON.stringify({
      ageDays: result.ageDays,
      wfa: result.wfa,
      lhfa: result.lhfa,
      wflh: result.wflh,
      bmifa: result.bmifa,
      hcfa: result.hcfa,
      acfa: result.acfa,
      flags: result.flags,
    }),
  );
}

async function jobsCommand(name: string | undefined) {
  if (name !== undefined && !isJobName(name)) throw new UsageError(`Unknown job "${name}".`);
  const results = name === undefined ? await runAllJobs() : [await runJob(name)];
  for (const result of results) console.log(`${result.name}: ${result.summary}`);
}

/** The one account an operator command acts on, by --email. */
async function accountByEmail(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  const parsed = email.safeParse(values.email);
  if (!parsed.success) throw new UsageError('--email: an email address is required');
  const user = await findUserByEmail(parsed.data);
  if (!user) throw new UsageError(`No account with ${parsed.data}.`);
  return user;
}

async function setDisabledCommand(args: string[], disabled: boolean) {
  const user = await accountByEmail(args);
  await setAccountDisabled({ userId: user.id, actorId: null, disabled });
  console.log(disabled ? `Disabled ${user.email}; its sessions have ended.` : `Enabled ${user.email}.`);
}

async function inviteRegionalCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      province: { type: 'string' },
      city: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const parsed = z
    .object({ email, province: text(80), city: text(80).optional(), name: text(120).optional() })
    .safeParse(values);
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message.replace(/^errors\./, '')}`).join('\n'),
    );
  const { province, city = null } = parsed.data;
  const token = await inviteRegional({
    email: parsed.data.email,
    name: parsed.data.name ?? parsed.data.email.split('@')[0],
    province,
    city,
  });
  const region = city === null ? `${province} (the whole province)` : `${city}, ${province}`;
  console.log(`/invite/${token}`);
  console.error(
    `Prefix the site's address and pass it to ${parsed.data.email} privately; valid ${INVITE_DAYS} days, once. Region: ${region}.`,
  );
  if ((await centersInRegion({ province, city })) === 0)
    console.error(`Note: no center is in ${region} yet (check the spelling against the centers' province and city).`);
}

async function resetLinkCommand(args: string[]) {
  const user = await accountByEmail(args);
  const token = await issueOperatorReset(user.email);
  console.log(`/reset/${token}`);
  console.error(`Prefix the site's address and pass it to ${user.email} privately; valid ${RESET_HOURS} hours, once.`);
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
    case 'disable-account':
      return setDisabledCommand(args, true);
    case 'enable-account':
      return setDisabledCommand(args, false);
    case 'reset-link':
      return resetLinkCommand(args);
    case 'invite-regional':
      return inviteRegionalCommand(args);
    case 'backup':
      return backup(args[0]);
    case 'restore':
      return restore(args[0]);
    case 'doctor':
      return doctor();
    case 'rotate-encryption-key':
      return rotateEncryptionKey();
    case 'zscore':
      return zscoreCommand(args);
    case 'jobs':
      return jobsCommand(args[0]);
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
