import type { Kysely } from 'kysely';

// Issue 14, the door offline. Every check-in, check-out and absence tapped at a door screen or a
// kiosk carries an id made on the device when it was tapped. door_taps keeps one row per such id:
// a tap sent twice (a retry, a replayed offline batch) is answered from here and changes nothing,
// and the taps that lost to another device's (the same child collected on two tablets, an absence
// sent after the child arrived) stay in the child's history next to the one that counted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('door_taps')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    /** The staff member at the door, or the guardian at the kiosk. */
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('device', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    /** The child's local day the tap belongs to, in the center's zone. */
    .addColumn('date', 'text', (c) => c.notNull())
    /** When it was tapped, by the device's clock (never later than it reached the server). */
    .addColumn('tapped_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    /** Why a refused tap was refused (an error code of the attendance module). */
    .addColumn('error', 'text')
    /** Who collected the child, by this tap. */
    .addColumn('collector_name', 'text')
    .addColumn('absence_reason', 'text')
    .execute();
  await db.schema.createIndex('door_taps_child_day').on('door_taps').columns(['child_id', 'date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('door_taps').execute();
}
