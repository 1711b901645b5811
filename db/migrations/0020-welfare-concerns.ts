import { type Kysely, sql } from 'kysely';

// Issue 13, welfare concerns (restricted): raised by any staff member, seen only by the center's
// coordinators and the person who raised it; every view is recorded (concern_views) and shown on
// the concern. The coordinator's assessments, actions and decisions are entries; referrals to
// outside services say what was shared, with whom, when and on what basis. The regional role sees
// only counts of open concerns by risk level and the age of the oldest — never content.
const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));
const CONCERN_CATEGORIES = [
  'abuse_signs',
  'neglect_signs',
  'injury_at_arrival',
  'unexplained_absence',
  'hunger',
  'disclosure',
  'other',
];
const RISK_LEVELS = ['low', 'medium', 'high', 'urgent'];
const REFERRAL_SERVICES = [
  'dinas_sosial',
  'pksai',
  'social_worker',
  'puskesmas',
  'atensi',
  'uptd_ppa',
  'police',
  'other',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('welfare_concerns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in (${inList(CONCERN_CATEGORIES)})`))
    .addColumn('description', 'text', (c) => c.notNull())
    /** A child's own disclosure, in the child's words, as said. */
    .addColumn('child_words', 'text')
    /** What started it: 'manual', 'arrival_check' (attendance id), 'absence_follow_up' (follow_ups id), 'incident'. */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('raised_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    /** Null until the coordinator's first assessment. */
    .addColumn('risk_level', 'text', (c) => c.check(sql`risk_level in (${inList(RISK_LEVELS)})`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    /** Local date in the center's zone; overdue when before today and still open. */
    .addColumn('follow_up_on', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('outcome', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('welfare_concerns_center')
    .on('welfare_concerns')
    .columns(['center_id', 'status', 'raised_at'])
    .execute();

  await db.schema
    .createTable('concern_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('concern_id', 'text', (c) => c.notNull().references('welfare_concerns.id'))
    /** 'closure' and 'reopening' carry the reason given when the concern was closed or reopened. */
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('assessment', 'action', 'decision', 'note', 'closure', 'reopening')`),
    )
    .addColumn('body', 'text', (c) => c.notNull())
    /** The risk level set by an assessment. */
    .addColumn('risk_level', 'text')
    .addColumn('by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('concern_entries_concern').on('concern_entries').columns(['concern_id', 'at']).execute();

  await db.schema
    .createTable('concern_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('concern_id', 'text', (c) => c.notNull().references('welfare_concerns.id'))
    .addColumn('service', 'text', (c) => c.notNull().check(sql`service in (${inList(REFERRAL_SERVICES)})`))
    /** The office or person referred to, and how to reach them. */
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('shared_what', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('shared_at', 'text', (c) => c.notNull())
    .addColumn('follow_up_on', 'text')
    .addColumn('follow_up_done_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('concern_referrals_concern').on('concern_referrals').columns(['concern_id']).execute();

  await db.schema
    .createTable('concern_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('concern_id', 'text', (c) => c.notNull().references('welfare_concerns.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('concern_views_concern').on('concern_views').columns(['concern_id', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
