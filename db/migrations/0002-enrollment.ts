import type { Kysely } from 'kysely';

// Enrollment: applications (with their guardians, documents and status history), the fuller
// child record they become, authorized pickup persons, emergency contacts, guardian invites.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('reference_code', 'text', (c) => c.unique())
    .addColumn('access_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON of everything the parent typed: the form is long and saved as a draft before it is valid. */
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('child_full_name', 'text')
    .addColumn('child_birth_date', 'text')
    .addColumn('duplicate_key', 'text')
    .addColumn('primary_email', 'text')
    .addColumn('preferred_start_date', 'text')
    .addColumn('classroom_id', 'text', (c) => c.references('classrooms.id'))
    .addColumn('priority_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('priority_override', 'integer')
    .addColumn('priority_override_reason', 'text')
    .addColumn('offer_expires_on', 'text')
    .addColumn('child_id', 'text', (c) => c.references('children.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_center_status')
    .on('applications')
    .columns(['center_id', 'status'])
    .execute();
  await db.schema
    .createIndex('applications_duplicate')
    .on('applications')
    .columns(['center_id', 'duplicate_key'])
    .execute();

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('application_events_app')
    .on('application_events')
    .columns(['application_id', 'at'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('application_id', 'text', (c) => c.references('applications.id'))
    .addColumn('child_id', 'text', (c) => c.references('children.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_application').on('documents').column('application_id').execute();

  for (const [column, type] of [
    ['nik', 'text'],
    ['birth_order', 'integer'],
    ['home_languages', 'text'],
    ['address', 'text'],
    ['special_needs', 'text'],
    ['support_needed', 'text'],
    ['allergies', 'text'],
    ['medical_conditions', 'text'],
    ['medicines', 'text'],
    ['immunization_status', 'text'],
    ['consent_photos', 'integer'],
    ['custody_note', 'text'],
    ['schedule_days', 'text'],
    ['schedule_start', 'text'],
    ['schedule_end', 'text'],
    ['start_date', 'text'],
    ['withdrawn_on', 'text'],
    ['withdrawn_reason', 'text'],
  ] as const) {
    await db.schema.alterTable('children').addColumn(column, type).execute();
  }

  await db.schema
    .createTable('pickup_persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('photo_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pickup_persons_child').on('pickup_persons').column('child_id').execute();

  await db.schema
    .createTable('emergency_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('emergency_contacts_child').on('emergency_contacts').column('child_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
