import type { Kysely } from 'kysely';

// A milestone observation may carry a photo (stored like every upload, served after authorization).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('milestone_observations')
    .addColumn('photo_document_id', 'text', (c) => c.references('documents.id'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
