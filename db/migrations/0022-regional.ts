import type { Kysely } from 'kysely';

// Issue 13, regional oversight. A regional person holds one or more regions (a province, or a
// city/regency within one): regional_roles, granted when they accept an operator's invitation
// (regional_invites, only the token's hash stored). They read de-identified figures kept by the
// `regional-rollups` job: one row per center and day (attendance, enrollment, incidents) and one
// per center and month (those summed, plus growth and screening coverage), so the regional pages
// read a few rows per center whatever the length of the history. regional_rollup_state keeps the
// job's watermark: days touched since then are computed again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regional_invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    /** Null: the whole province. */
    .addColumn('city', 'text')
    /** Null when an operator invited (the CLI). */
    .addColumn('invited_by', 'text', (c) => c.references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('regional_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('invite_id', 'text', (c) => c.references('regional_invites.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('regional_roles_user').on('regional_roles').columns(['user_id']).execute();
  await db.schema.createIndex('regional_roles_region').on('regional_roles').columns(['province', 'city']).execute();
  await db.schema.createIndex('centers_region').on('centers').columns(['province', 'city']).execute();

  await db.schema
    .createTable('center_day_figures')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    /** Children enrolled that day, children expected by their schedule, child-days present, incidents. */
    .addColumn('enrolled', 'integer', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('incidents', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('center_day_figures_pk', ['center_id', 'date'])
    .execute();

  await db.schema
    .createTable('center_month_figures')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    /** 'YYYY-MM' */
    .addColumn('month', 'text', (c) => c.notNull())
    /** Children enrolled on the month's last rolled-up day. */
    .addColumn('enrolled', 'integer', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('incidents', 'integer', (c) => c.notNull())
    /** Enrolled children measured in the month; among them, those with each z-score, and below −2 SD. */
    .addColumn('measured', 'integer', (c) => c.notNull())
    .addColumn('haz_n', 'integer', (c) => c.notNull())
    .addColumn('stunted', 'integer', (c) => c.notNull())
    .addColumn('whz_n', 'integer', (c) => c.notNull())
    .addColumn('wasted', 'integer', (c) => c.notNull())
    .addColumn('waz_n', 'integer', (c) => c.notNull())
    .addColumn('underweight', 'integer', (c) => c.notNull())
    /** Enrolled children with a milestone answer in the 3 months, a KPSP screening in the 6 months, to the month's end. */
    .addColumn('milestone_covered', 'integer', (c) => c.notNull())
    .addColumn('kpsp_covered', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('center_month_figures_pk', ['center_id', 'month'])
    .execute();

  await db.schema
    .createTable('regional_rollup_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('watermark', 'text', (c) => c.notNull())
    .execute();

  // The job finds corrected days by when they changed, without reading every attendance row.
  await db.schema.createIndex('attendance_updated_at').on('attendance').columns(['updated_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
