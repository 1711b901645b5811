// SQLite in WAL mode copies the log back into the database file (a checkpoint, with an fsync) in
// whichever commit takes the log past 1,000 pages: at the door's rush, one tap in a hundred waited
// 8–35 ms for it (decision 0003). The server checkpoints on a worker thread instead, once a second,
// with a connection of its own; a request's commit still does it if the log passes 10,000 pages
// (40 MB: the worker stalled or died). Nothing of this for PostgreSQL or an in-memory database.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { databaseConfig, getDb } from './client.server';

const EVERY_MS = 1_000;
const FALLBACK_PAGES = 10_000;

// CommonJS run by the worker; the driver's path is resolved here, where node_modules is known.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** Starts the checkpointing thread for the SQLite database file; returns how to stop it. */
export async function startCheckpointer(): Promise<() => Promise<void>> {
  const config = databaseConfig();
  if (config.dialect !== 'sqlite' || config.file === ':memory:') return async () => {};
  await sql`pragma wal_autocheckpoint = ${sql.raw(String(FALLBACK_PAGES))}`.execute(getDb());
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      file: config.file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      everyMs: EVERY_MS,
    },
  });
  worker.unref();
  // A failed checkpoint (the disk, a lock held too long) ends the thread; commits then checkpoint
  // at the fallback size, as SQLite would by itself.
  worker.on('error', (error) => console.error('SQLite checkpoint thread stopped:', error));
  return async () => {
    worker.postMessage('stop');
    await new Promise((resolve) => worker.once('exit', resolve));
  };
}
