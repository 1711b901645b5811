// `npm run demo`: migrate and seed the embedded database, then start the production server.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getDb } from '../db/client.server';
import { migrateToLatest } from '../db/migrate';
import { printDemoLogins, seedDemo } from '../db/seed/demo';

process.env.NODE_ENV = 'production';
// The demo's conveniences on the production build: no email is sent, the development mailbox
// (/dev/mail) shows it instead, and links in emails lead to this machine (PUBLIC_URL defaults to
// http://localhost:<PORT>). Never set on a real installation.
process.env.ASUH_DEMO = '1';
// The demo keeps its own random secret beside its database, so sessions survive a restart.
const secretFile = path.resolve('data/session-secret');
if (!process.env.SESSION_SECRET) {
  fs.mkdirSync(path.dirname(secretFile), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  process.env.SESSION_SECRET = fs.readFileSync(secretFile, 'utf8').trim();
}
// Likewise the key that encrypts two-step secrets. This is for the demo only: a real installation
// keeps ENCRYPTION_KEY in its service manager's environment, apart from ./data and its backups.
const keyFile = path.resolve('data/encryption-key');
if (!process.env.ENCRYPTION_KEY) {
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  process.env.ENCRYPTION_KEY = fs.readFileSync(keyFile, 'utf8').trim();
}
// Plain http on localhost: no Secure cookie flag, or some browsers would drop the session.
process.env.COOKIE_SECURE ??= 'false';

await migrateToLatest(getDb());
console.log((await seedDemo(getDb())) ? 'Demo data added.' : 'Demo data already present.');
const { startServer } = await import('../server.js');
const server = await startServer();
console.log(`\nAsuh demo is running at http://localhost:${server.address().port}`);
printDemoLogins();
