import { type Kysely, sql } from 'kysely';
import catalog from '../reference/milestones/catalog.json';

// Development: the versioned milestone catalog (loaded here as data, with each item's source),
// centers' own items, teachers' observations (history kept), KPSP pre-screening results, and
// the gestational age that corrected age needs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('milestone_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.references('centers.id'))
    .addColumn('catalog_version', 'text')
    .addColumn('age_months', 'integer', (c) => c.notNull())
    .addColumn('domain', 'text', (c) =>
      c.notNull().check(sql`domain in ('social_emotional', 'language', 'cognitive', 'movement')`),
    )
    .addColumn('text_id', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('milestone_items_age').on('milestone_items').columns(['age_months', 'domain']).execute();

  await db.schema
    .createTable('milestone_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('milestone_items.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('yes', 'not_yet', 'not_sure')`))
    .addColumn('observed_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('milestone_observations_child')
    .on('milestone_observations')
    .columns(['child_id', 'item_id', 'observed_on'])
    .execute();

  await db.schema
    .createTable('kpsp_screenings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('screened_on', 'text', (c) => c.notNull())
    .addColumn('age_point_months', 'integer', (c) => c.notNull())
    .addColumn('yes_count', 'integer', (c) => c.notNull())
    .addColumn('interpretation', 'text', (c) => c.notNull())
    .addColumn('follow_up_due', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kpsp_child').on('kpsp_screenings').columns(['child_id', 'screened_on']).execute();

  await db.schema.alterTable('children').addColumn('gestation_weeks', 'integer').execute();

  const now = new Date().toISOString();
  await db
    .insertInto('milestone_items')
    .values(
      catalog.items.map((i) => ({
        id: i.code,
        center_id: null,
        catalog_version: catalog.version,
        age_months: i.ageMonths,
        domain: i.domain,
        text_id: i.id,
        text_en: i.en,
        source: i.source,
        created_at: now,
      })),
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
