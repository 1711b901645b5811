// The teacher's day in the demo: each room's plan of last week (published, its core activities
// marked done or, once, skipped, with the teacher's notes), this week's plan published with a theme,
// and one activity of the library sent home to the demo parent's child, from the child's
// suggestions. Written through the modules (saveWeek, setPublished, markDelivery, sendHome), all
// relative to the day of seeding, so the demo tells the same story whenever it is made.
//
// Two rooms have no plan this week: the browser tests plan Bayi (Melati) and Batita (Anggrek) this
// week from an empty grid (tests/e2e/plans.spec.ts and plan-delivery.spec.ts); they get last week's.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { loadCenter } from '~/modules/centers/context.server';
import { sendHome, suggestionsFor } from '~/modules/home-activities/home-activities.server';
import { markDelivery } from '~/modules/plans/delivery.server';
import { defaultBlocksFor, planDays, weekStartOf, dateOf, addWeeks } from '~/modules/plans/plans';
import { roomActivities, saveWeek, setPublished } from '~/modules/plans/plans.server';
import type { DB } from '../schema';
import type { DemoChild, RoomPlan } from './demo';
import { at } from './demo-days';

/** Rooms that browser tests plan this week from an empty grid: last week's plan only. */
export const DEMO_ROOMS_WITHOUT_THIS_WEEK = ['Bayi (Melati)', 'Batita (Anggrek)'];
/** The demo parent's child who has an activity to try at home. */
export const DEMO_HOME_ACTIVITY_CHILD = 'demo-child-02';

const THEMES: Record<'young' | 'older', [lastWeek: string, thisWeek: string]> = {
  young: ['Aku dan tubuhku', 'Bunyi di sekitarku'],
  older: ['Keluargaku', 'Pasar dan pekerjaan di sekitar kita'],
};

/** What the teacher wrote when she marked a core activity (by weekday of last week). */
const DELIVERY_NOTES: Record<string, { status: 'done' | 'skipped'; note: string }> = {
  mon: { status: 'done', note: 'Semua anak ikut; yang paling semangat minta diulang.' },
  tue: { status: 'done', note: '' },
  wed: { status: 'skipped', note: 'Hujan deras dan listrik padam; diganti bernyanyi bersama.' },
  thu: { status: 'done', note: 'Dua anak baru ikut dari pangkuan pengasuh.' },
  fri: { status: 'done', note: 'Dilanjutkan sampai sebelum makan siang karena anak-anak asyik.' },
};

export async function seedPlans(
  db: Kysely<DB>,
  {
    today,
    rooms,
    children,
    users,
  }: {
    today: DateTime;
    rooms: { id: string; centerId: string; plan: RoomPlan }[];
    children: DemoChild[];
    users: Record<string, string>;
  },
) {
  const todayIso = today.toISODate()!;
  const thisWeek = weekStartOf(todayIso);
  const lastWeek = addWeeks(thisWeek, -1);
  for (const room of rooms) {
    const center = (await loadCenter(room.centerId))!;
    const actorId = users[room.plan.teacher];
    const days = planDays(center.openingHours);
    const young = room.plan.maxAgeMonths <= 24;
    const blocks = defaultBlocksFor({ max_age_months: room.plan.maxAgeMonths });
    const core = blocks.indexOf('coreActivity');
    const outdoor = blocks.indexOf('outdoorPlay');
    const activities = await roomActivities({ centerId: room.centerId, classroomId: room.id, lang: 'id' });
    // Those made for the room's ages at their middle first: the room's own level, not its edges.
    const middle = (room.plan.minAgeMonths + room.plan.maxAgeMonths) / 2;
    const fitting = activities
      .filter((a) => a.minAgeMonths <= middle && a.maxAgeMonths >= middle)
      .concat(activities.filter((a) => !(a.minAgeMonths <= middle && a.maxAgeMonths >= middle)));
    const pick = (i: number) => fitting[i % fitting.length]?.id ?? null;
    const [lastTheme, thisTheme] = THEMES[young ? 'young' : 'older'];

    // Last week: written on its Monday's first save (the default blocks, in Bahasa Indonesia).
    const last = await saveWeek({
      center,
      classroomId: room.id,
      weekStart: lastWeek,
      actorId,
      lang: 'id',
      theme: lastTheme,
      cells: days.flatMap((day, i) => [
        { day, blockKey: `default-${core}`, activityId: pick(i), note: '' },
        ...(i % 2 === 0
          ? [{ day, blockKey: `default-${outdoor}`, activityId: null, note: 'Main pasir dan air di halaman' }]
          : []),
      ]),
    });
    if (!last.ok) throw new Error(`demo plan of ${room.plan.name}: ${last.error}`);
    await setPublished({
      centerId: room.centerId,
      classroomId: room.id,
      weekStart: lastWeek,
      actorId,
      published: true,
    });
    const blockIds = await db
      .selectFrom('room_time_blocks')
      .select('id')
      .where('classroom_id', '=', room.id)
      .orderBy('position')
      .execute();
    for (const day of days) {
      const mark = DELIVERY_NOTES[day];
      if (!mark) continue;
      const date = dateOf(lastWeek, day);
      const marked = await markDelivery({
        centerId: room.centerId,
        classroomId: room.id,
        today: date,
        date,
        blockId: blockIds[core].id,
        status: mark.status,
        note: mark.note,
        actorId,
      });
      if (!marked.ok) throw new Error(`demo delivery of ${room.plan.name}: ${marked.error}`);
    }

    if (DEMO_ROOMS_WITHOUT_THIS_WEEK.includes(room.plan.name)) continue;
    const now = await saveWeek({
      center,
      classroomId: room.id,
      weekStart: thisWeek,
      actorId,
      lang: 'id',
      theme: thisTheme,
      cells: days.flatMap((day, i) => [
        { day, blockKey: blockIds[core].id, activityId: pick(i + days.length), note: '' },
        {
          day,
          blockKey: blockIds[outdoor].id,
          activityId: null,
          note: i === 4 ? 'Senam pagi bersama orang tua' : 'Main bebas di halaman',
        },
      ]),
    });
    if (!now.ok) throw new Error(`demo plan of ${room.plan.name}: ${now.error}`);
    await setPublished({
      centerId: room.centerId,
      classroomId: room.id,
      weekStart: thisWeek,
      actorId,
      published: true,
    });
  }

  // One activity sent home to the demo parent's child: the first of the child's suggestions, on
  // the last weekday before today, in the afternoon; the family has not tried it yet.
  const child = children.find((c) => c.id === DEMO_HOME_ACTIVITY_CHILD)!;
  let sentOn = today.minus({ days: 1 });
  while (sentOn.weekday > 5) sentOn = sentOn.minus({ days: 1 });
  const sentIso = sentOn.toISODate()!;
  const [first] =
    (await suggestionsFor({ centerId: child.centerId, childId: child.id, today: todayIso, lang: 'id' })) ?? [];
  if (first) {
    const sent = await sendHome({
      centerId: child.centerId,
      childId: child.id,
      activityId: first.id,
      note: 'Bisa dicoba sambil menunggu makan malam, sepuluh menit saja sudah cukup. Ceritakan ya bagaimana hasilnya.',
      actorId: users[child.room.teacher],
      today: sentIso,
      at: new Date(at(sentIso, 15 * 60 + 10, today.zoneName!)),
    });
    if (!sent.ok) throw new Error(`demo home activity: ${sent.error}`);
  }
}
