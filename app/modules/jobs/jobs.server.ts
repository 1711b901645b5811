// Scheduled work: one worker with named jobs. The production server runs the worker (from
// onServerStart in entry.server.tsx); `asuh jobs [name]` runs jobs once, for operators and tests.
// Several server processes may run the worker: each due job is claimed with one conditional
// write, so one process starts it per interval, and every job is safe to run twice at once anyway.
import { getDb } from '~db/client.server';
import { deleteExpiredDrafts, expireOffers } from '../enrollment/applications.server';
import { remindExpiringOffers } from '../enrollment/notices.server';
import { forgetOldRateLimits } from '../limits/rate-limit.server';
import { sendPendingMail } from '../notifications/mail-worker.server';
import { sendDueDailySummaries } from '../day/summary.server';
import { forgetOldLiveEvents } from '../live/bus.server';
import { remindExpiringRecords } from '../safeguarding/safeguarding.server';
import { rollUpRegionalFigures } from '../regional/rollups.server';

type Job = { everyMinutes: number; run: (now: Date) => Promise<string> };

/** Each job returns one line saying what it did. */
export const JOBS = {
  'expire-drafts': {
    everyMinutes: 60,
    run: async (now) => {
      const { drafts, files } = await deleteExpiredDrafts({ now });
      return `deleted ${drafts} expired draft application(s) and ${files} file(s)`;
    },
  },
  'expire-offers': {
    everyMinutes: 60,
    run: async (now) => `recorded ${await expireOffers({ now })} expired offer(s)`,
  },
  'prune-rate-limits': {
    everyMinutes: 60,
    run: async (now) => `forgot ${await forgetOldRateLimits(now)} old rate-limit count(s)`,
  },
  'remind-offers': {
    everyMinutes: 60,
    run: async (now) => `reminded ${await remindExpiringOffers({ now })} family(ies) of an offer ending tomorrow`,
  },
  // The server's mail worker sends every few seconds (startMailWorker); this runs it once by hand.
  'send-mail': {
    everyMinutes: 60,
    run: async (now) => {
      const s = await sendPendingMail({ now });
      if (s.mode === 'held') return 'mail is not configured (SMTP_URL): nothing sent, email waits in the outbox';
      const where = s.mode === 'devMailbox' ? ' to the development mailbox' : '';
      return `sent ${s.sent} email(s)${where}, ${s.retrying} to try again later, ${s.failed} failed`;
    },
  },
  // Centers that send the day's summary at a set time (else it goes at check-out).
  'daily-summaries': {
    everyMinutes: 5,
    run: async (now) => `queued ${await sendDueDailySummaries(now)} daily summary email(s)`,
  },
  'forget-live-events': {
    everyMinutes: 60,
    run: async (now) => `forgot ${await forgetOldLiveEvents(now)} old live event(s)`,
  },
  // Staff checks, licences and accreditation expiring within 30 days (once per record and expiry).
  'remind-safeguarding-expiry': {
    everyMinutes: 60,
    run: async (now) => `queued ${await remindExpiringRecords({ now })} expiry reminder(s)`,
  },
  // The regional pages' daily and monthly figures: yesterday and any day changed since the last run.
  'regional-rollups': {
    everyMinutes: 60,
    run: async (now) => {
      const r = await rollUpRegionalFigures({ now });
      return `rolled up ${r.days} day(s) and ${r.months} month(s) of center figures${r.full ? ' (the whole history)' : ''}`;
    },
  },
} satisfies Record<string, Job>;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);

export async function runJob(name: JobName, now = new Date()) {
  return { name, summary: await JOBS[name].run(now) };
}

/** Every job once, in order (what `asuh jobs` does). */
export async function runAllJobs(now = new Date()) {
  const results = [];
  for (const name of JOB_NAMES) results.push(await runJob(name, now));
  return results;
}

/** Marks the job started if no process started it within its interval; true if this call did. */
async function claimDueJob(name: JobName, now: Date) {
  const startedAt = now.toISOString();
  const dueBefore = new Date(now.getTime() - JOBS[name].everyMinutes * 60_000).toISOString();
  const claimed = await getDb()
    .insertInto('scheduled_jobs')
    .values({ name, last_started_at: startedAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ last_started_at: startedAt })
        .where('scheduled_jobs.last_started_at', '<=', dueBefore),
    )
    .returning('name')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** What the worker does on each tick: claims and runs the jobs that are due. Returns their results. */
export async function runDueJobs(now = new Date()) {
  const results = [];
  for (const name of JOB_NAMES) {
    try {
      if (await claimDueJob(name, now)) results.push(await runJob(name, now));
    } catch (error) {
      // One failing job must not stop the others, nor the server; it is tried again next interval.
      console.error(`Scheduled job ${name} failed:`, error);
    }
  }
  return results;
}

/**
 * Starts the worker: a tick now and then every `tickMs`, never two ticks at once. The timers do
 * not keep the process alive. Returns the function that stops it, waiting for a tick under way.
 */
export function startJobWorker({ tickMs = 60_000 } = {}): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= runDueJobs().finally(() => (running = null));
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, tickMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
