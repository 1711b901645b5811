// Email through the outbox, against a real SMTP server on loopback: what arrives and in which
// language, queueing while the server is down, retries and failure, two workers at once, people's
// choices, quiet hours, the coordinator's mail page, and the notices wired into enrollment, the
// door, invitations and reset links.
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { applicationForm, linkGuardian, makeChild } from '~db/seed/factories';
import { formatLongDate, formatNumber } from '~/i18n/format';
import { languageCookie } from '~/i18n/language.server';
import { checkIn, recordRefusedPickup } from '~/modules/attendance/attendance.server';
import { runJob } from '~/modules/jobs/jobs.server';
import { MAX_ATTEMPTS, retryDelayMinutes } from '~/modules/notifications/mail';
import { sendPendingMail, startMailWorker } from '~/modules/notifications/mail-worker.server';
import { notify } from '~/modules/notifications/outbox.server';
import { localDate } from '~/modules/time/time';
import { inviteStaff } from '~/modules/users/invites.server';
import { action as accountAction, loader as accountLoader } from '~/routes/account';
import { action as applyAction } from '~/routes/apply.$centerId';
import { action as statusPageAction } from '~/routes/applications.$token';
import { action as detailAction } from '~/routes/c.$centerId.applications.$applicationId';
import { action as childAction } from '~/routes/c.$centerId.children.$childId._index';
import { action as mailAction, loader as mailLoader } from '~/routes/c.$centerId.mail';
import { action as staffAction } from '~/routes/c.$centerId.staff';
import { loader as devMailLoader } from '~/routes/dev.mail';
import { runAsuh } from '../support/cli';
import { twoCenters } from '../support/fixtures';
import { multipart } from '../support/files';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';
import { startSmtpServer, type SmtpServer } from '../support/smtp';

const SITE = 'https://asuh.example.test';
const FROM = 'TAS Mawar <asuh@example.test>';
const saved = { ...process.env };

let w: Awaited<ReturnType<typeof twoCenters>>;
let smtp: SmtpServer;
let coordinator: string;

beforeAll(async () => {
  smtp = await startSmtpServer({ refuse: ['ditolak@example.test'] });
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = FROM;
  process.env.PUBLIC_URL = SITE;
  w = await twoCenters();
  coordinator = await sessionCookie(w.coordinator.id);
});

afterEach(async () => {
  // Each test starts with the server up, nothing waiting and an empty inbox.
  process.env.SMTP_URL = smtp.url;
  process.env.NODE_ENV = 'test';
  delete process.env.ASUH_DEMO;
  await smtp.start().catch(() => {});
  await getDb().deleteFrom('outbox').execute();
  smtp.received.length = 0;
});

afterAll(async () => {
  await smtp.stop();
  for (const key of ['SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', 'NODE_ENV', 'ASUH_DEMO']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

const rowsTo = (email: string) =>
  getDb().selectFrom('outbox').selectAll().where('to_email', '=', email).orderBy('created_at').execute();
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);
const center = () => ({ centerId: w.center.id });
const staff = (form: Record<string, string>, cookie = coordinator) =>
  callAction(staffAction, { path: `/c/${w.center.id}/staff`, params: center(), cookie, form });
const mailPage = (cookie: string, centerId = w.center.id) => ({
  path: `/c/${centerId}/mail`,
  params: { centerId },
  cookie,
});

describe('sending', () => {
  it('sends an invitation and a reset link over SMTP, each in its recipient’s language, with the link the coordinator sees', async () => {
    await getDb().updateTable('users').set({ preferred_language: 'en' }).where('id', '=', w.teacher.id).execute();
    const invite = await staff({
      intent: 'invite',
      name: 'Rina Baru',
      email: 'Rina.Baru@example.test',
      role: 'caregiver',
    });
    expect(invite.status).toBe(200);
    const inviteToken = invite.data.link!.url.split('/invite/')[1];
    const reset = await staff({ intent: 'reset-link', userId: w.teacher.id });
    const resetToken = reset.data.link!.url.split('/reset/')[1];

    expect(await sendPendingMail()).toEqual({ mode: 'smtp', sent: 2, retrying: 0, failed: 0 });

    const [invitation, ...more] = smtp.to('rina.baru@example.test');
    expect(more).toEqual([]);
    expect(invitation.subject).toBe('Undangan bergabung dengan TAS Mawar di Asuh');
    expect(invitation.text).toContain('Halo Rina Baru,');
    expect(invitation.text).toContain('Koor mengundang Anda bergabung sebagai staf (pengasuh) di TAS Mawar.');
    expect(invitation.text).toContain(`${SITE}/invite/${inviteToken}`);
    expect(invitation.headers.get('content-language')).toBe('id');
    expect(invitation.headers.get('from')).toBe('TAS Mawar <asuh@example.test>');
    expect(invitation.from).toBe('asuh@example.test');

    const [resetMail] = smtp.to('guru@example.test');
    expect(resetMail.subject).toBe('Reset your Asuh password');
    expect(resetMail.text).toMatch(/^Hello Guru,\n\nThe coordinator of TAS Mawar made a link/);
    expect(resetMail.text).toContain(`${SITE}/reset/${resetToken}`);
    expect(resetMail.headers.get('content-language')).toBe('en');

    const rows = await getDb().selectFrom('outbox').select(['status', 'attempts', 'sent_at', 'locked_until']).execute();
    expect(rows).toEqual([
      { status: 'sent', attempts: 1, sent_at: expect.any(String), locked_until: null },
      { status: 'sent', attempts: 1, sent_at: expect.any(String), locked_until: null },
    ]);
    // Nothing is sent twice.
    expect(await sendPendingMail()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
    await getDb().updateTable('users').set({ preferred_language: 'id' }).where('id', '=', w.teacher.id).execute();
  });

  it('queues while the SMTP server is down, backs off, and delivers each message once when it returns', async () => {
    await smtp.stop();
    for (const email of ['antri.satu@example.test', 'antri.dua@example.test'])
      await inviteStaff({ centerId: w.center.id, email, name: 'Antri', role: 'teacher', actorId: w.coordinator.id });
    const t0 = new Date();

    expect(await sendPendingMail({ now: t0 })).toEqual({ mode: 'smtp', sent: 0, retrying: 2, failed: 0 });
    const [first] = await rowsTo('antri.satu@example.test');
    expect(first).toMatchObject({ status: 'pending', attempts: 1, locked_until: null, sent_at: null });
    expect(first.last_error).toMatch(/ECONNREFUSED/);
    expect(first.next_attempt_at).toBe(minutes(t0, retryDelayMinutes(1)).toISOString());

    // Not tried again before its time, even with the server back.
    await smtp.start();
    expect(await sendPendingMail({ now: minutes(t0, 9) })).toMatchObject({ sent: 0, retrying: 0 });
    expect(smtp.received).toEqual([]);

    expect(await sendPendingMail({ now: minutes(t0, 10) })).toMatchObject({ sent: 2, retrying: 0 });
    expect(await sendPendingMail({ now: minutes(t0, 60) })).toMatchObject({ sent: 0 });
    expect(smtp.to('antri.satu@example.test')).toHaveLength(1);
    expect(smtp.to('antri.dua@example.test')).toHaveLength(1);
    expect(await rowsTo('antri.dua@example.test')).toMatchObject([{ status: 'sent', attempts: 2, last_error: null }]);
  });

  it('is tried six times over about a day, then failed; a refused recipient fails at once', async () => {
    await smtp.stop();
    await inviteStaff({
      centerId: w.center.id,
      email: 'tak.sampai@example.test',
      name: 'Tak Sampai',
      role: 'teacher',
      actorId: w.coordinator.id,
    });
    const t0 = new Date();
    let at = t0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const summary = await sendPendingMail({ now: at });
      const [row] = await rowsTo('tak.sampai@example.test');
      expect(row.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(summary).toMatchObject({ retrying: 1, failed: 0 });
        const next = new Date(row.next_attempt_at);
        waits.push((next.getTime() - at.getTime()) / 60_000);
        at = next;
      } else {
        expect(summary).toMatchObject({ retrying: 0, failed: 1 });
        expect(row.status).toBe('failed');
      }
    }
    expect(waits).toEqual([10, 30, 90, 270, 810]);
    // The last attempt comes about 20 hours after the first.
    expect((at.getTime() - t0.getTime()) / 60_000).toBe(1210);
    // Failed stays failed.
    await smtp.start();
    expect(await sendPendingMail({ now: minutes(at, 24 * 60) })).toMatchObject({ sent: 0 });

    await inviteStaff({
      centerId: w.center.id,
      email: 'ditolak@example.test',
      name: 'Ditolak',
      role: 'teacher',
      actorId: w.coordinator.id,
    });
    expect(await sendPendingMail()).toMatchObject({ sent: 0, failed: 1 });
    const [refused] = await rowsTo('ditolak@example.test');
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.last_error).toMatch(/^550 /);
  });

  it('sends each message once when several workers run at once, in this process and in two others', async () => {
    await getDb()
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 40; i++)
          await notify(trx, {
            kind: 'announcement',
            centerId: w.center.id,
            to: [{ email: `ramai.${i}@example.test`, language: 'id' }],
            params: { prefix: '', center: 'TAS Mawar', title: `Pengumuman ${i}`, body: 'Isi', ack: '', link: SITE },
          });
      });
    const env = { SMTP_URL: smtp.url, MAIL_FROM: FROM };
    const [cliA, cliB, ...here] = await Promise.all([
      runAsuh(['jobs', 'send-mail'], env),
      runAsuh(['jobs', 'send-mail'], env),
      sendPendingMail(),
      sendPendingMail(),
      sendPendingMail(),
    ]);
    expect(cliA.code, cliA.err).toBe(0);
    expect(cliB.code, cliB.err).toBe(0);
    const sentByCli = [cliA, cliB].map((r) => Number(/send-mail: sent (\d+) email/.exec(r.out)?.[1]));
    expect(sentByCli.every(Number.isInteger)).toBe(true);
    expect(sentByCli.reduce((a, b) => a + b, 0) + here.reduce((a, s) => a + s.sent, 0)).toBe(40);
    const subjects = smtp.received.map((m) => m.subject).sort();
    expect(subjects).toHaveLength(40);
    expect(new Set(subjects).size).toBe(40);
    const states = await getDb().selectFrom('outbox').select(['status', 'attempts']).distinct().execute();
    expect(states).toEqual([{ status: 'sent', attempts: 1 }]);
  }, 60_000);

  it('wakes the worker right after a notice is written, and stops cleanly', async () => {
    const stop = startMailWorker({ tickMs: 60_000, nudgeDelayMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await inviteStaff({
      centerId: w.center.id,
      email: 'segera@example.test',
      name: 'Segera',
      role: 'teacher',
      actorId: w.coordinator.id,
    });
    for (let i = 0; i < 100 && smtp.to('segera@example.test').length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(smtp.to('segera@example.test')).toHaveLength(1);
    await stop();
    await inviteStaff({
      centerId: w.center.id,
      email: 'nanti@example.test',
      name: 'Nanti',
      role: 'teacher',
      actorId: w.coordinator.id,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.to('nanti@example.test')).toEqual([]);
    expect(await rowsTo('nanti@example.test')).toMatchObject([{ status: 'pending', attempts: 0 }]);
  });
});

describe('without SMTP_URL', () => {
  it('goes to the development mailbox in development and the demo, and waits in production', async () => {
    delete process.env.SMTP_URL;
    await inviteStaff({
      centerId: w.center.id,
      email: 'kotak@example.test',
      name: 'Kotak',
      role: 'teacher',
      actorId: w.coordinator.id,
    });
    // Production: kept, never marked sent, and the mailbox does not exist.
    process.env.NODE_ENV = 'production';
    expect(await sendPendingMail()).toEqual({ mode: 'held', sent: 0, retrying: 0, failed: 0 });
    expect(await rowsTo('kotak@example.test')).toMatchObject([{ status: 'pending', attempts: 0 }]);
    expect((await callLoader(devMailLoader, { path: '/dev/mail' })).status).toBe(404);
    // The demo runs the production build and opts in.
    process.env.ASUH_DEMO = '1';
    expect((await callLoader(devMailLoader, { path: '/dev/mail' })).status).toBe(200);
    delete process.env.ASUH_DEMO;
    // Development (and the tests): "sent" to the mailbox, nothing over SMTP.
    process.env.NODE_ENV = 'test';
    expect(await sendPendingMail()).toEqual({ mode: 'devMailbox', sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toEqual([]);
    const page = await callLoader(devMailLoader, { path: '/dev/mail' });
    expect(page.data.messages).toMatchObject([
      {
        to_email: 'kotak@example.test',
        language: 'id',
        status: 'sent',
        subject: 'Undangan bergabung dengan TAS Mawar di Asuh',
        body: expect.stringContaining(`${SITE}/invite/`),
      },
    ]);
  });
});

describe('what people choose', () => {
  const notice = (kind: 'message' | 'announcement' | 'daily_summary' | 'arrival_health', userId: string) =>
    getDb()
      .transaction()
      .execute((trx) =>
        notify(trx, {
          kind,
          centerId: w.center.id,
          to: [{ userId }],
          params: { author: 'Guru', child: 'Putri', center: 'TAS Mawar', title: 'T', body: 'B', link: SITE },
        }),
      );

  it('turns notices off on the account page, except those always sent', async () => {
    const parent = await sessionCookie(w.parent.id);
    const before = await callLoader(accountLoader, { path: '/account', cookie: parent });
    expect(before.data.mailPreferences).toEqual([
      { kind: 'message', email: true },
      { kind: 'announcement', email: true },
      { kind: 'daily_summary', email: true },
      { kind: 'home_activity', email: true },
    ]);
    const saved = await callAction(accountAction, {
      path: '/account',
      cookie: parent,
      form: { intent: 'mail-preferences', kinds: ['announcement'] },
    });
    expectRedirect(saved, '/account#email');
    const after = await callLoader(accountLoader, { path: '/account', cookie: parent });
    expect(after.data.mailPreferences).toEqual([
      { kind: 'message', email: false },
      { kind: 'announcement', email: true },
      { kind: 'daily_summary', email: false },
      { kind: 'home_activity', email: false },
    ]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['actor_id', 'entity', 'changes'])
      .where('entity_id', '=', w.parent.id)
      .where('changes', 'like', '%mail_message%')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(w.parent.id);
    expect(JSON.parse(audit.changes)).toEqual({
      mail_message: [1, 0],
      mail_daily_summary: [1, 0],
      mail_home_activity: [1, 0],
    });

    expect(await notice('message', w.parent.id)).toBe(0);
    expect(await notice('daily_summary', w.parent.id)).toBe(0);
    expect(await notice('announcement', w.parent.id)).toBe(1);
    // A child's safety is always sent, whatever a row says.
    await getDb()
      .insertInto('notification_preferences')
      .values({ user_id: w.parent.id, kind: 'arrival_health', email: 0 })
      .execute();
    expect(await notice('arrival_health', w.parent.id)).toBe(1);

    // Only the kinds offered can be chosen; anything else is refused and nothing changes.
    for (const kinds of [['arrival_health'], ['invitation'], ['nonsense']]) {
      const refused = await callAction(accountAction, {
        path: '/account',
        cookie: parent,
        form: { intent: 'mail-preferences', kinds },
      });
      expect(refused.status).toBe(400);
      expect(refused.data.errors).toHaveProperty(['kinds.0']);
    }
    // Turned back on.
    await callAction(accountAction, {
      path: '/account',
      cookie: parent,
      form: { intent: 'mail-preferences', kinds: ['message', 'announcement', 'daily_summary'] },
    });
    expect(await notice('message', w.parent.id)).toBe(1);
  });

  it('offers staff without children no daily summary, and keeps it out of their choice', async () => {
    const caregiver = await sessionCookie(w.caregiver.id);
    const page = await callLoader(accountLoader, { path: '/account', cookie: caregiver });
    expect(page.data.mailPreferences.map((p: { kind: string }) => p.kind)).toEqual(['message', 'announcement']);
    expectRedirect(
      await callAction(accountAction, {
        path: '/account',
        cookie: caregiver,
        form: { intent: 'mail-preferences', kinds: ['announcement', 'daily_summary'] },
      }),
      '/account#email',
    );
    const rows = await getDb()
      .selectFrom('notification_preferences')
      .select(['kind', 'email'])
      .where('user_id', '=', w.caregiver.id)
      .execute();
    expect(rows).toEqual([{ kind: 'message', email: 0 }]);
  });
});

describe('quiet hours', () => {
  it('hold a staff notice until they end, but not an urgent one, nor a family’s', async () => {
    const now = DateTime.now().setZone('Asia/Jakarta');
    const start = now.minus({ hours: 1 }).toFormat('HH:mm');
    const end = now.plus({ hours: 1 }).toFormat('HH:mm');
    await getDb()
      .updateTable('centers')
      .set({ quiet_hours_start: start, quiet_hours_end: end })
      .where('id', '=', w.center.id)
      .execute();
    try {
      await getDb()
        .transaction()
        .execute(async (trx) => {
          for (const userId of [w.teacher.id, w.parent.id])
            await notify(trx, {
              kind: 'announcement',
              centerId: w.center.id,
              to: [{ userId }],
              params: { prefix: '', center: 'TAS Mawar', title: 'Rapat', body: 'Besok pagi', ack: '', link: SITE },
            });
        });
      await recordRefusedPickup({
        centerId: w.center.id,
        childId: w.child.id,
        actorId: w.caregiver.id,
        personName: 'Orang Asing',
      });
      const [held] = await rowsTo('guru@example.test');
      const endsAt = DateTime.fromISO(held.next_attempt_at).setZone('Asia/Jakarta');
      expect(endsAt.toFormat('HH:mm')).toBe(end);
      expect(endsAt > now).toBe(true);

      expect(await sendPendingMail()).toMatchObject({ sent: 3 });
      expect(smtp.to('guru@example.test')).toEqual([]);
      expect(smtp.to('ibu@example.test').map((m) => m.subject)).toEqual([
        'Rapat (TAS Mawar)',
        'Penjemputan Putri Lestari ditolak',
      ]);
      expect(smtp.to('koor@example.test').map((m) => m.subject)).toEqual(['Penjemputan Putri Lestari ditolak']);

      expect(await sendPendingMail({ now: endsAt.plus({ minutes: 1 }).toJSDate() })).toMatchObject({ sent: 1 });
      expect(smtp.to('guru@example.test').map((m) => m.subject)).toEqual(['Rapat (TAS Mawar)']);
    } finally {
      await getDb()
        .updateTable('centers')
        .set({ quiet_hours_start: null, quiet_hours_end: null })
        .where('id', '=', w.center.id)
        .execute();
    }
  });
});

describe('the coordinator’s mail page', () => {
  async function failedInvitation(email: string, centerId = w.center.id, actorId = w.coordinator.id) {
    await inviteStaff({ centerId, email, name: 'Gagal', role: 'teacher', actorId });
    await getDb()
      .updateTable('outbox')
      .set({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: '421 Service not available' })
      .where('to_email', '=', email)
      .execute();
    return (await rowsTo(email))[0];
  }

  it('shows what waits and what failed, to the center’s coordinator only', async () => {
    const failed = await failedInvitation('gagal.satu@example.test');
    await inviteStaff({
      centerId: w.center.id,
      email: 'menunggu@example.test',
      name: 'Menunggu',
      role: 'teacher',
      actorId: w.coordinator.id,
    });
    await failedInvitation('gagal.lain@example.test', w.other.id, w.otherCoordinator.id);

    const page = await callLoader(mailLoader, mailPage(coordinator));
    expect(page.status).toBe(200);
    expect(page.data.summary).toEqual({ pending: 1, retrying: 0, failed: 1, sentThisWeek: 0 });
    expect(page.data.failed).toEqual([
      {
        id: failed.id,
        kind: 'invitation',
        to_email: 'gagal.satu@example.test',
        subject: 'Undangan bergabung dengan TAS Mawar di Asuh',
        attempts: MAX_ATTEMPTS,
        last_error: '421 Service not available',
        created_at: failed.created_at,
      },
    ]);
    expect(page.data.mode).toBe('smtp');

    // Another center's coordinator does not know this page exists; other roles may not see it.
    expect((await callLoader(mailLoader, mailPage(await sessionCookie(w.otherCoordinator.id)))).status).toBe(404);
    for (const user of [w.caregiver, w.teacher])
      expect((await callLoader(mailLoader, mailPage(await sessionCookie(user.id)))).status).toBe(403);
    expect((await callLoader(mailLoader, mailPage(await sessionCookie(w.parent.id)))).status).toBe(404);
    const anonymous = await callLoader(mailLoader, { ...mailPage(''), cookie: undefined });
    expect(anonymous.status).toBe(302);
  });

  it('sends a failed message again with a fresh series of attempts, refusing others’ messages and bad input', async () => {
    const failed = await failedInvitation('gagal.dua@example.test');
    const theirs = await failedInvitation('gagal.mereka@example.test', w.other.id, w.otherCoordinator.id);
    const resend = (id: string, cookie = coordinator, centerId = w.center.id) =>
      callAction(mailAction, { ...mailPage(cookie, centerId), form: { intent: 'resend', id } });

    // Another center's message through this center's page, or this center's through theirs: 404.
    expect((await resend(theirs.id)).status).toBe(404);
    const other = await sessionCookie(w.otherCoordinator.id);
    expect((await resend(failed.id, other, w.other.id)).status).toBe(404);
    expect((await resend(failed.id, await sessionCookie(w.caregiver.id))).status).toBe(403);
    expect((await resend(failed.id, other)).status).toBe(404);
    const bad: Record<string, string>[] = [{ intent: 'resend' }, { intent: 'delete', id: failed.id }, {}];
    for (const form of bad) expect((await callAction(mailAction, { ...mailPage(coordinator), form })).status).toBe(400);
    expect((await rowsTo('gagal.dua@example.test'))[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect((await rowsTo('gagal.mereka@example.test'))[0]).toMatchObject({ status: 'failed' });

    expectRedirect(await resend(failed.id), `/c/${w.center.id}/mail`);
    expect((await rowsTo('gagal.dua@example.test'))[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
      locked_until: null,
    });
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['actor_id', 'center_id', 'changes'])
      .where('entity', '=', 'outbox')
      .where('entity_id', '=', failed.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: w.coordinator.id, center_id: w.center.id });
    expect(JSON.parse(audit.changes)).toEqual({ status: ['failed', 'pending'], attempts: [MAX_ATTEMPTS, 0] });
    // Sent again once; a second click finds nothing to send again.
    expect((await resend(failed.id)).status).toBe(404);
    expect(await sendPendingMail()).toMatchObject({ sent: 1 });
    expect(smtp.to('gagal.dua@example.test')).toHaveLength(1);
    expect(smtp.to('gagal.mereka@example.test')).toEqual([]);

    // All at once.
    await failedInvitation('gagal.tiga@example.test');
    await failedInvitation('gagal.empat@example.test');
    expectRedirect(
      await callAction(mailAction, { ...mailPage(coordinator), form: { intent: 'resend-all' } }),
      `/c/${w.center.id}/mail`,
    );
    expect(await sendPendingMail()).toMatchObject({ sent: 2 });
    expect((await rowsTo('gagal.mereka@example.test'))[0]).toMatchObject({ status: 'failed' });
  });
});

describe('what is sent when', () => {
  const today = () => localDate('Asia/Jakarta');
  const plusDays = (n: number) => DateTime.fromISO(today()).plus({ days: n }).toISODate()!;
  let phone = 7100;

  async function apply(email: string, language?: 'en', g2?: string) {
    const fields = applicationForm(
      {
        g1_phone: `0812-5555-${phone++}`,
        g1_email: email,
        child_full_name: `Anak ${email.split('@')[0]}`,
        ...(g2 ? { g2_name: 'Budi', g2_relationship: 'ayah', g2_phone: `0812-5555-${phone++}`, g2_email: g2 } : {}),
      },
      { today: today() },
    );
    const result = await callAction(applyAction, {
      path: `/apply/${w.center.id}`,
      params: center(),
      cookie: language ? (await languageCookie.serialize(language)).split(';')[0] : undefined,
      form: multipart({ ...fields, intent: 'submit' }),
    });
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    const token = result.headers.get('Location')!.split('/applications/')[1];
    const app = await getDb()
      .selectFrom('applications')
      .select(['id', 'reference_code'])
      .where('primary_email', '=', email)
      .executeTakeFirstOrThrow();
    return { token, ...app };
  }
  const detail = (id: string, form: Record<string, string>) =>
    callAction(detailAction, {
      path: `/c/${w.center.id}/applications/${id}`,
      params: { centerId: w.center.id, applicationId: id },
      cookie: coordinator,
      form,
    });
  const offer = async (id: string, expires: string) => {
    expect((await detail(id, { intent: 'status', to: 'in_review' })).status).toBe(302);
    const offered = await detail(id, {
      intent: 'status',
      to: 'offered',
      classroom_id: w.classroom.id,
      offer_expires_on: expires,
    });
    expect(offered.status, JSON.stringify(offered.data)).toBe(302);
  };

  it('tells the family their application arrived, an offer with its last day, the day before it ends, and the enrolment', async () => {
    const en = await apply('family.en@example.test', 'en', 'budi.en@example.test');
    const id = await apply('keluarga@example.test');
    await sendPendingMail();
    const [receivedEn] = smtp.to('family.en@example.test');
    expect(receivedEn.subject).toBe(`Application for Anak family.en at TAS Mawar received (${en.reference_code})`);
    expect(receivedEn.text).toContain(`${SITE}/applications/${en.token}`);
    const [receivedId] = smtp.to('keluarga@example.test');
    expect(receivedId.subject).toBe(`Pendaftaran Anak keluarga di TAS Mawar terkirim (${id.reference_code})`);
    expect(receivedId.text).toContain(`${SITE}/applications/${id.token}`);
    // The second guardian hears nothing until the enrolment, when their invitation comes.
    expect(smtp.to('budi.en@example.test')).toEqual([]);

    const inThree = plusDays(3);
    await offer(en.id, inThree);
    await offer(id.id, plusDays(1));
    await sendPendingMail();
    const [offerEn] = smtp.to('family.en@example.test').slice(1);
    expect(offerEn.subject).toBe('TAS Mawar offers Anak family.en a place');
    expect(offerEn.text).toContain(`The offer is open until ${formatLongDate(inThree, 'en')}.`);
    expect(offerEn.text).toContain('in the Kelas Balita classroom');
    const [offerId] = smtp.to('keluarga@example.test').slice(1);
    expect(offerId.text).toContain(`Tawaran ini berlaku sampai ${formatLongDate(plusDays(1), 'id')}.`);

    // The day before the last day: once, however often the job runs; not for the later offer.
    await runJob('remind-offers');
    await runJob('remind-offers');
    await sendPendingMail();
    const reminders = smtp.received.filter((m) => m.subject.startsWith('Besok hari terakhir'));
    expect(reminders.map((m) => m.to)).toEqual([['keluarga@example.test']]);
    expect(smtp.received.filter((m) => m.subject.startsWith('Tomorrow is the last day'))).toEqual([]);

    expect(
      (
        await callAction(statusPageAction, {
          path: `/applications/${en.token}`,
          params: { token: en.token },
          form: { intent: 'accept' },
        })
      ).status,
    ).toBe(302);
    const enrolled = await detail(en.id, { intent: 'enroll' });
    expect(enrolled.status).toBe(200);
    await sendPendingMail();
    const welcome = smtp.to('family.en@example.test').filter((m) => m.subject.includes('enrolled'));
    expect(welcome.map((m) => m.subject)).toEqual(['Anak family.en is enrolled at TAS Mawar']);
    expect(welcome[0].text).toContain(`starting ${formatLongDate(plusDays(14), 'en')}`);
    // Each guardian's invitation: the link the coordinator sees, in Indonesian (no account says otherwise).
    for (const invite of enrolled.data.enrolled!.invites) {
      const [mail] = smtp.to(invite.email).filter((m) => m.subject.startsWith('Undangan'));
      expect(mail.text).toContain(`${SITE}/invite/${invite.link.split('/invite/')[1]}`);
      expect(mail.text).toContain('mengundang Anda menjadi wali');
    }
    expect(enrolled.data.enrolled!.invites.map((i) => i.email).sort()).toEqual([
      'budi.en@example.test',
      'family.en@example.test',
    ]);
  });

  it('tells the guardians of a fever or marks at arrival, urgently, once', async () => {
    const db = getDb();
    const other = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Dimas' });
    await linkGuardian(db, { childId: other.id, userId: w.parent.id });
    const threshold = (
      await db
        .selectFrom('centers')
        .select('fever_threshold_tenths')
        .where('id', '=', w.center.id)
        .executeTakeFirstOrThrow()
    ).fever_threshold_tenths;
    const base = { centerId: w.center.id, actorId: w.caregiver.id };
    const health = { temperatureTenths: 366, marksNote: null, mood: null, broughtBy: null, feverConfirmed: false };
    await db.deleteFrom('attendance').execute();

    // A fever (confirmed at the door) and, for the other child, marks seen.
    const fever = { ...health, temperatureTenths: threshold + 6, feverConfirmed: true };
    expect(await checkIn({ ...base, childId: w.child.id, health: fever })).toEqual({ ok: true, already: false });
    expect(await checkIn({ ...base, childId: w.child.id, health: fever })).toEqual({ ok: true, already: true });
    expect(
      await checkIn({ ...base, childId: other.id, health: { ...health, marksNote: 'Memar di lutut kiri' } }),
    ).toEqual({ ok: true, already: false });
    const rows = await rowsTo('ibu@example.test');
    expect(rows.map((r) => r.kind)).toEqual(['arrival_health', 'arrival_health']);
    await sendPendingMail();
    const [feverMail, marksMail] = smtp.to('ibu@example.test');
    expect(feverMail.subject).toBe('Putri Lestari: catatan kesehatan saat datang');
    expect(feverMail.text).toContain(
      `Suhu ${formatNumber((threshold + 6) / 10, 'id')} °C (batas demam ${formatNumber(threshold / 10, 'id')} °C)`,
    );
    expect(feverMail.text).toContain(`${SITE}/family`);
    expect(marksMail.text).toContain('Tanda yang terlihat: Memar di lutut kiri');

    // A healthy arrival tells nobody.
    await db.deleteFrom('attendance').execute();
    await db.deleteFrom('outbox').execute();
    await checkIn({ ...base, childId: w.child.id, health });
    await checkIn({ ...base, childId: other.id });
    expect(await rowsTo('ibu@example.test')).toEqual([]);
  });

  it('tells the coordinators and the family of a refused pickup, with the name given', async () => {
    expect(
      await recordRefusedPickup({
        centerId: w.center.id,
        childId: w.child.id,
        actorId: w.caregiver.id,
        personName: 'Pak Joko',
      }),
    ).toBeTruthy();
    // Not for another center's child.
    expect(
      await recordRefusedPickup({
        centerId: w.center.id,
        childId: w.otherChild.id,
        actorId: w.caregiver.id,
        personName: 'Pak Joko',
      }),
    ).toBe(false);
    await sendPendingMail();
    const [toCoordinator] = smtp.to('koor@example.test');
    expect(toCoordinator.subject).toBe('Penjemputan Putri Lestari ditolak');
    expect(toCoordinator.text).toContain('Pak Joko datang ke TAS Mawar untuk menjemput Putri Lestari');
    expect(toCoordinator.text).toContain('staf (Pengasuh) menolak');
    expect(toCoordinator.text).toContain(`${SITE}/c/${w.center.id}/children/${w.child.id}`);
    const [toFamily] = smtp.to('ibu@example.test');
    expect(toFamily.text).toContain('Pak Joko');
    expect(toFamily.text).toContain('Jika Anda mengenal orang ini');
    expect(smtp.to('koor.lain@example.test')).toEqual([]);
    expect(smtp.to('ayah.lain@example.test')).toEqual([]);
  });

  it('sends a guardian invitation from the child’s record, and a new one with its new link when sent again', async () => {
    const path = {
      path: `/c/${w.center.id}/children/${w.child.id}`,
      params: { centerId: w.center.id, childId: w.child.id },
      cookie: coordinator,
    };
    const invited = await callAction(childAction, {
      ...path,
      form: {
        intent: 'guardian-invite',
        name: 'Nenek Sari',
        email: 'nenek@example.test',
        relationship: 'nenek',
        phone: '',
      },
    });
    expect(invited.status).toBe(200);
    const invite = await getDb()
      .selectFrom('invites')
      .select('id')
      .where('email', '=', 'nenek@example.test')
      .executeTakeFirstOrThrow();
    const renewed = await callAction(childAction, { ...path, form: { intent: 'invite-renew', id: invite.id } });
    await sendPendingMail();
    const mails = smtp.to('nenek@example.test');
    expect(mails).toHaveLength(2);
    expect(mails[0].text).toContain('Koor mengundang Anda menjadi wali (Nenek) dari Putri Lestari di TAS Mawar.');
    expect(mails[0].text).toContain(`${SITE}/invite/${invited.data.link!.url.split('/invite/')[1]}`);
    expect(mails[1].text).toContain(`${SITE}/invite/${renewed.data.link!.url.split('/invite/')[1]}`);
  });
});
