import { type Kysely, sql } from 'kysely';

// Issue 13, safe staff and the center's own record. A staff member's checks (police clearance,
// health certificate, trainings) with dates and the document; a person whose required checks have
// lapsed leaves the live ratio until a coordinator decides (memberships.counts_in_ratio_override).
// The center's licences and accreditation, and self-assessments against the child-friendly
// daycare standard (SNI 9255 Taman Asuh Ramah Anak) with a score over time.
const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));
const STAFF_CHECK_KINDS = [
  'police_clearance',
  'health_certificate',
  'child_protection_training',
  'first_aid_training',
  'ecce_training',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${inList(STAFF_CHECK_KINDS)})`))
    .addColumn('reference', 'text')
    /** Local dates; expires_on null for checks that do not lapse. */
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_checks_person')
    .on('staff_checks')
    .columns(['center_id', 'user_id', 'kind'])
    .execute();

  // Null: the rule decides (lapsed checks leave the ratio); 1 / 0: the coordinator's decision.
  await db.schema.alterTable('memberships').addColumn('counts_in_ratio_override', 'integer').execute();
  await db.schema.alterTable('memberships').addColumn('ratio_decided_by', 'text').execute();
  await db.schema.alterTable('memberships').addColumn('ratio_decided_at', 'text').execute();

  await db.schema
    .createTable('center_licences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('operating_licence', 'accreditation')`))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    /** For accreditation: the grade given. */
    .addColumn('grade', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('center_licences_center').on('center_licences').columns(['center_id', 'kind']).execute();

  await db.schema
    .createTable('self_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    /** JSON: { [criterionKey]: { met: 0|1|2, note: string, documentIds: string[] } } */
    .addColumn('answers', 'text', (c) => c.notNull())
    /** 0–100, computed from the answers when saved. */
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('assessed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('self_assessments_center')
    .on('self_assessments')
    .columns(['center_id', 'assessed_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
