import { type Kysely, sql } from 'kysely';
import library from '../reference/activities/library.json';
import profile from '../reference/curriculum/profil-lulusan.json';

// Issue 12, the activity library: activities (a shared library, center_id null, plus each center's
// own), their text per language, their tags (PAUD learning elements and Montessori areas, fixed
// sets; graduate-profile dimensions, a configurable table; milestone items of the catalog). The
// shared library and the Profil Lulusan dimensions are loaded here as data, like the milestone
// catalog in 0005, so every database gets them, not only the demo. The codes in the checks below
// are copied, not imported: a released migration must not change when the app's lists do.
const ELEMENTS = ['agama_budi_pekerti', 'jati_diri', 'literasi_steam'];
const MONTESSORI = ['practical_life', 'sensorial', 'language', 'mathematics', 'culture'];
const inList = (codes: string[]) => sql.join(codes.map((c) => sql.lit(c)));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('profile_dimensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('framework', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_id', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null: the shared library, read-only for centers.
    .addColumn('center_id', 'text', (c) => c.references('centers.id'))
    .addColumn('copied_from_id', 'text', (c) => c.references('activities.id'))
    .addColumn('min_age_months', 'integer', (c) => c.notNull())
    .addColumn('max_age_months', 'integer', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('grouping', 'text', (c) =>
      c.notNull().check(sql`"grouping" in ('individual', 'small_group', 'whole_group')`),
    )
    .addColumn('setting', 'text', (c) => c.notNull().check(sql`setting in ('indoor', 'outdoor', 'both')`))
    .addColumn('photo_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'activities_age_range',
      sql`min_age_months >= 0 and max_age_months <= 72 and min_age_months <= max_age_months`,
    )
    .addCheckConstraint('activities_duration', sql`duration_minutes between 1 and 240`)
    .execute();
  await db.schema
    .createIndex('activities_center_age')
    .on('activities')
    .columns(['center_id', 'min_age_months', 'max_age_months'])
    .execute();

  // One row per language an activity is written in: the shared library has both, a center's own
  // activity the language(s) its staff wrote.
  await db.schema
    .createTable('activity_texts')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('id', 'en')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('goal', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('adaptations', 'text', (c) => c.notNull())
    .addColumn('safety_notes', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_texts_pk', ['activity_id', 'language'])
    .execute();

  await db.schema
    .createTable('activity_tags')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_tags_pk', ['activity_id', 'kind', 'code'])
    .addCheckConstraint(
      'activity_tags_code',
      sql`(kind = 'element' and code in (${inList(ELEMENTS)})) or (kind = 'montessori' and code in (${inList(MONTESSORI)}))`,
    )
    .execute();
  await db.schema.createIndex('activity_tags_code_idx').on('activity_tags').columns(['kind', 'code']).execute();

  await db.schema
    .createTable('activity_profile_dimensions')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('dimension_id', 'text', (c) => c.notNull().references('profile_dimensions.id'))
    .addPrimaryKeyConstraint('activity_profile_dimensions_pk', ['activity_id', 'dimension_id'])
    .execute();

  await db.schema
    .createTable('activity_milestones')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('milestone_items.id'))
    .addPrimaryKeyConstraint('activity_milestones_pk', ['activity_id', 'item_id'])
    .execute();
  await db.schema.createIndex('activity_milestones_item').on('activity_milestones').columns(['item_id']).execute();

  const now = new Date().toISOString();
  await db
    .insertInto('profile_dimensions')
    .values(
      profile.dimensions.map((d, i) => ({
        id: d.code,
        framework: profile.framework,
        position: i + 1,
        name_id: d.id,
        name_en: d.en,
        active: 1,
        source: profile.source,
        created_at: now,
      })),
    )
    .execute();

  for (const a of library.activities) {
    await db
      .insertInto('activities')
      .values({
        id: a.code,
        center_id: null,
        copied_from_id: null,
        min_age_months: a.minAgeMonths,
        max_age_months: a.maxAgeMonths,
        duration_minutes: a.durationMinutes,
        grouping: a.grouping,
        setting: a.setting,
        photo_document_id: null,
        created_by: null,
        updated_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('activity_texts')
      .values(
        (['id', 'en'] as const).map((language) => ({
          activity_id: a.code,
          language,
          title: a[language].title,
          goal: a[language].goal,
          steps: a[language].steps,
          materials: a[language].materials,
          adaptations: a[language].adaptations,
          safety_notes: a[language].safety,
        })),
      )
      .execute();
    const tags = [
      ...a.elements.map((code) => ({ activity_id: a.code, kind: 'element', code })),
      ...a.montessori.map((code) => ({ activity_id: a.code, kind: 'montessori', code })),
    ];
    if (tags.length) await db.insertInto('activity_tags').values(tags).execute();
    if (a.profile.length)
      await db
        .insertInto('activity_profile_dimensions')
        .values(a.profile.map((dimension_id) => ({ activity_id: a.code, dimension_id })))
        .execute();
    await db
      .insertInto('activity_milestones')
      .values(a.milestones.map((item_id) => ({ activity_id: a.code, item_id })))
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
