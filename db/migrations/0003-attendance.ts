import { type Kysely, sql } from 'kysely';

// Attendance: one row per child per local day (the unique key is what makes a double tap or a
// retried request harmless), pickup attempts, staff shifts, follow-ups, guardian kiosk PINs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('classroom_id', 'text', (c) => c.references('classrooms.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('present', 'absent', 'checked_out')`))
    .addColumn('check_in_at', 'text')
    .addColumn('check_in_by', 'text', (c) => c.references('users.id'))
    .addColumn('brought_by', 'text')
    .addColumn('temperature_tenths', 'integer')
    .addColumn('fever_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('marks_note', 'text')
    .addColumn('mood', 'text')
    .addColumn('check_out_at', 'text')
    .addColumn('check_out_by', 'text', (c) => c.references('users.id'))
    .addColumn('picked_up_by', 'text')
    .addColumn('pickup_person_id', 'text', (c) => c.references('pickup_persons.id'))
    .addColumn('absence_reason', 'text')
    .addColumn('absence_note', 'text')
    .addColumn('absence_reported_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('attendance_child_day', ['child_id', 'date'])
    .execute();
  await db.schema.createIndex('attendance_center_date').on('attendance').columns(['center_id', 'date']).execute();

  await db.schema
    .createTable('pickup_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('refused', 'allowed_once')`))
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('pickup_attempts_child').on('pickup_attempts').columns(['child_id', 'at']).execute();

  await db.schema
    .createTable('staff_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('classroom_id', 'text', (c) => c.notNull().references('classrooms.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('clock_in_at', 'text', (c) => c.notNull())
    .addColumn('clock_out_at', 'text')
    .execute();
  // At most one open shift per person: a second clock-in is refused by the database itself.
  await db.schema
    .createIndex('staff_shifts_one_open')
    .on('staff_shifts')
    .column('user_id')
    .unique()
    .where(sql.ref('clock_out_at'), 'is', null)
    .execute();
  await db.schema.createIndex('staff_shifts_center_date').on('staff_shifts').columns(['center_id', 'date']).execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolution', 'text')
    .execute();
  await db.schema
    .createIndex('follow_ups_one_open')
    .on('follow_ups')
    .columns(['child_id', 'kind'])
    .unique()
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();

  await db.schema
    .alterTable('centers')
    .addColumn('fever_threshold_tenths', 'integer', (c) => c.notNull().defaultTo(375))
    .execute();
  // JSON [{ "maxMonths": 24, "children": 3 }, …]: children per staff member by age band.
  await db.schema.alterTable('centers').addColumn('ratio_rules', 'text').execute();
  await db.schema.alterTable('centers').addColumn('ratio_confirmed_at', 'text').execute();
  await db.schema.alterTable('guardians').addColumn('pin_hash', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
