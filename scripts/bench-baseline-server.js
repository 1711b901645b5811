// The benchmark's baseline: a bare node:http server doing the same attendance writes with
// better-sqlite3 and nothing else (no framework, no session, no authorization, no audit).
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** The door's two writes, prepared once; the framework-floor server does the same. */
export function attendanceWrites(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const checkIn = db.prepare(
    `insert into attendance (id, center_id, child_id, classroom_id, date, status, check_in_at, fever_confirmed, created_at, updated_at)
     values (?, ?, ?, null, ?, 'present', ?, 0, ?, ?) on conflict (child_id, date) do nothing`,
  );
  const checkOut = db.prepare(
    `update attendance set status = 'checked_out', check_out_at = ?, updated_at = ? where child_id = ? and date = ? and status = 'present'`,
  );
  /** `form` is the posted form: intent, centerId, childId. */
  return (form) => {
    const now = new Date().toISOString();
    const date = now.slice(0, 10);
    if (form.get('intent') === 'check-in')
      checkIn.run(
        randomBytes(12).toString('base64url'),
        form.get('centerId'),
        form.get('childId'),
        date,
        now,
        now,
        now,
      );
    else checkOut.run(now, now, form.get('childId'), date);
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const write = attendanceWrites(process.env.DATABASE_URL);
  http
    .createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        write(new URLSearchParams(body));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      });
    })
    .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
}
