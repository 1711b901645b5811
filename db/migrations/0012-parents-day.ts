import { type Kysely, sql } from 'kysely';

// The parents' day (issue 11): what staff log through the day, photos, medicine instructions,
// conversations, announcements, live events for open pages, and an outbox for every email.
export async function up(db: Kysely<any>): Promise<void> {
  // Everything sent is written here first, in the transaction of its cause; a worker sends it.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.references('centers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('to_email', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // The same notice twice (a retried request, two processes) is one row.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_center').on('outbox').columns(['center_id', 'status', 'created_at']).execute();

  // Which notices a person wants by email; no row is the default (on).
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();

  // What happened, for pages kept open (timeline, inbox, door): replayed from the last id a
  // reconnecting page saw. Ids sort by time.
  await db.schema
    .createTable('live_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_topic').on('live_events').columns(['topic', 'id']).execute();

  // The day as staff log it: meals, bottles, naps, diapers, mood, activities, medicine, notes, photos.
  await db.schema
    .createTable('day_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('photo_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('day_entries_child')
    .on('day_entries')
    .columns(['center_id', 'child_id', 'date', 'at'])
    .execute();

  // A guardian's written instruction: staff give medicine only with one on file for the day.
  await db.schema
    .createTable('medicine_instructions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('guardian_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('medicine', 'text', (c) => c.notNull())
    .addColumn('dose', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('medicine_instructions_child')
    .on('medicine_instructions')
    .columns(['center_id', 'child_id'])
    .execute();

  // One conversation per child: its guardians, the staff of its room and the coordinator.
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().unique().references('children.id'))
    .addColumn('last_message_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachment_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_conversation')
    .on('messages')
    .columns(['conversation_id', 'created_at'])
    .execute();
  // Read state: a message is read by whoever read the conversation after it was written.
  await db.schema
    .createTable('conversation_reads')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('last_read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_reads_pk', ['conversation_id', 'user_id'])
    .execute();

  // Announcements to a room or the whole center, some to be acknowledged.
  await db.schema
    .createTable('announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('classroom_id', 'text', (c) => c.references('classrooms.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('requires_ack', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('announcements_center')
    .on('announcements')
    .columns(['center_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('announcement_receipts')
    .addColumn('announcement_id', 'text', (c) => c.notNull().references('announcements.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('read_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('reminded_at', 'text')
    .addPrimaryKeyConstraint('announcement_receipts_pk', ['announcement_id', 'user_id'])
    .execute();

  // Per center: quiet hours for staff notices (urgent ones ignore them), and when the day's
  // summary goes to families (null: at check-out).
  await db.schema.alterTable('centers').addColumn('quiet_hours_start', 'text').execute();
  await db.schema.alterTable('centers').addColumn('quiet_hours_end', 'text').execute();
  await db.schema.alterTable('centers').addColumn('daily_summary_time', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
