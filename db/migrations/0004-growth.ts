import { type Kysely, sql } from 'kysely';

// Growth measurements. Z-scores are computed when read (from the WHO tables in the code), so a
// corrected birth date or measurement never leaves a stale score behind.
export async function up(db: Kysely<any>): Promise<void> {
  // "double precision" means an 8-byte float on PostgreSQL ('real' would be 4 bytes there) and
  // REAL affinity on SQLite.
  const decimal = sql`double precision`;
  await db.schema
    .createTable('measurements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('measured_on', 'text', (c) => c.notNull())
    .addColumn('weight_kg', decimal)
    .addColumn('length_cm', decimal)
    .addColumn('position', 'text')
    .addColumn('head_cm', decimal)
    .addColumn('muac_cm', decimal)
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('measurements_child_date')
    .on('measurements')
    .columns(['child_id', 'measured_on'])
    .execute();
  await db.schema
    .createIndex('measurements_center_date')
    .on('measurements')
    .columns(['center_id', 'measured_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
