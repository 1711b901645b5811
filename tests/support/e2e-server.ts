// The server the browser tests talk to: the production build on a freshly seeded SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import { getDb } from '~db/client.server';
import { migrateToLatest } from '~db/migrate';
import { seedDemo } from '~db/seed/demo';

const file = process.env.DATABASE_URL!;
fs.rmSync(path.dirname(file), { recursive: true, force: true });
process.env.NODE_ENV = 'production';
process.env.COOKIE_SECURE = 'false';
// The browser tests run on the demo: mail goes to the development mailbox (/dev/mail).
process.env.ASUH_DEMO = '1';
await migrateToLatest(getDb());
await seedDemo(getDb());
const { startServer } = await import('../../server.js');
await startServer();
