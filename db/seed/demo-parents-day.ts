// The parents' half of the demo: what the families of the demo's children see beside attendance.
// The last few weekdays and today (as far as the hour of seeding allows) have their day log;
// there is one medicine instruction with the doses given under it, a few conversations (some
// unread by the demo teacher), announcements (one urgent, asking for acknowledgement), the TAS's
// quiet hours and TARA C'More's daily summary time.
//
// Everything is written through the modules, as a person in the app would: logEntries for the
// day (all the children of an entry present at its time, photos only of children whose families
// consented, medicine only under a guardian's instruction in force), giveInstruction,
// sendMessage and markConversationRead, createAnnouncement, markAnnouncementRead and
// acknowledgeAnnouncement, setQuietHours and setDailySummaryTime. Each is passed the time it
// happened, so a past day's entries, messages and the email they caused carry that day's times
// (the email is then sent at once, to the development mailbox in the demo). The change history
// stamps its entries with the clock: it shows them at the hour the demo was seeded.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { setQuietHours } from '~/modules/centers/centers.server';
import { DayEntrySchema, type DayEntryForm } from '~/modules/day/day';
import { logEntries } from '~/modules/day/day.server';
import { giveInstruction } from '~/modules/day/medicine.server';
import { preparePhoto } from '~/modules/day/photos.server';
import { setDailySummaryTime } from '~/modules/day/summary.server';
import type { CheckedUpload } from '~/modules/files/uploads.server';
import {
  acknowledgeAnnouncement,
  createAnnouncement,
  markAnnouncementRead,
} from '~/modules/messaging/announcements.server';
import { markConversationRead, prepareAttachment, sendMessage } from '~/modules/messaging/conversations.server';
import { AnnouncementSchema, MessageSchema, WHOLE_CENTER } from '~/modules/messaging/messaging';
import { ageInMonths, weekdayOf } from '~/modules/time/time';
import type { DB } from '../schema';
import type { DemoChild, RoomPlan } from './demo';
import { at, hashOf, seeded } from './demo-days';
import { menuFor, photoScene, planRoomDay, type Allergen, type RoomBand } from './demo-day-log';
import { letterPdf, sceneJpeg } from './scenes';

/** A child at the center on a logged day: local minutes of arrival and (planned) collection. */
export type LoggedDay = { child: DemoChild; date: string; arrive: number; leave: number };

export type ParentsDayInput = {
  /** The moment of seeding, in the centers' zone. */
  today: DateTime;
  children: DemoChild[];
  /** Account ids by email, and names by id. */
  users: Record<string, string>;
  names: Record<string, string>;
  tasId: string;
  taraId: string;
  /** The past weekdays whose day is logged, oldest first (today comes after them). */
  dates: string[];
  /** Who was here on those days and who is here today, with their times. */
  here: LoggedDay[];
  /** Children whose families have not consented to photos. */
  noPhotos: ReadonlySet<string>;
};

/** What the families wrote under allergies (PROFILES in demo.ts), as the kitchen reads it. */
const AVOIDS: Record<string, Allergen[]> = {
  'demo-child-05': ['peanut'],
  'demo-child-13': ['cowMilk'],
  'demo-child-21': ['egg'],
  'demo-child-24': ['shellfish'],
};
/** Babies at the TAS whose mothers send expressed milk (at TARA C'More every baby's mother does). */
const BREAST_MILK = ['demo-child-01', 'demo-child-06'];

const COORDINATOR = 'koordinator@demo.asuh.id';
const two = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
const hm = (h: number, m = 0) => h * 60 + m;

const bandOf = (room: RoomPlan): RoomBand =>
  room.maxAgeMonths < 24 ? 'infant' : room.maxAgeMonths < 48 ? 'toddler' : 'preschool';

/** A day entry as the room's log form posts it, checked by the form's own schema. */
type Call = { date: string; loggedAt: number; actorId: string; form: DayEntryForm; photo?: CheckedUpload };

export async function seedParentsDay(db: Kysely<DB>, input: ParentsDayInput) {
  const { users, tasId, taraId } = input;
  const coordinator = users[COORDINATOR];
  // The coordinator set these in the center settings.
  await setQuietHours({ centerId: tasId, actorId: coordinator, quietHours: { start: '20:00', end: '06:00' } });
  await setDailySummaryTime({ centerId: taraId, actorId: coordinator, time: '16:30' });

  const story = await planStories(input);
  const activities = await seedDayLog(input, story);
  await Promise.all([seedConversations(input, { ...story, activities }), seedAnnouncements(db, input)]);
}

// ————— The medicine instruction and the small events the conversations speak of —————

const MEDICINE = {
  /** The demo parent's children first: the one who was here on a logged day gets the course. */
  candidates: ['demo-child-02', 'demo-child-01', 'demo-child-04'],
  medicine: 'Amoksisilin sirup 125 mg/5 ml',
  dose: '5 ml',
  instructions:
    'Dari dokter Puskesmas untuk radang telinga. Diminum 3 kali sehari selama 7 hari sampai habis: pagi dan malam di rumah, siang pukul 12.00 sesudah makan di penitipan. Simpan di kulkas.',
  /** A week's course: begun on the first logged day, it runs past today whatever the weekday. */
  days: 7,
  at: hm(12),
};

type Stories = {
  /** The instruction's child and id, and the days a dose is given at the center. */
  medicine: { child: DemoChild; instructionId: string; doses: string[] } | null;
  /** A fall in the yard (a note in the log, then a message to the family). */
  fall: { child: DemoChild; date: string; at: number } | null;
  /** A child watched after a fever the night before. */
  fever: { child: DemoChild; date: string } | null;
};

const isHere = (d: LoggedDay, minutes: number) => minutes >= d.arrive + 5 && minutes <= d.leave - 10;

/**
 * Chooses who the small events happen to, on a day they were here; and gives the medicine
 * instruction, from the child's guardian's account the evening before its first day.
 */
async function planStories({ today, here }: ParentsDayInput): Promise<Stories> {
  const zone = today.zoneName!;
  const todayIso = today.toISODate()!;
  const nowMinutes = today.hour * 60 + today.minute;
  const daysOf = (id: string) => here.filter((d) => d.child.id === id);
  const latestPast = (id: string, minutes: number) =>
    daysOf(id)
      .filter((d) => d.date !== todayIso && isHere(d, minutes))
      .at(-1) ?? null;

  let medicine: Stories['medicine'] = null;
  for (const id of MEDICINE.candidates) {
    const first = daysOf(id).find((d) => d.date !== todayIso && isHere(d, MEDICINE.at));
    if (!first) continue;
    const child = first.child;
    const start = DateTime.fromISO(first.date, { zone });
    const endsOn = start.plus({ days: MEDICINE.days - 1 }).toISODate()!;
    const instructionId = await giveInstruction({
      centerId: child.centerId,
      childId: child.id,
      guardianId: child.guardians[0].userId!,
      instruction: {
        medicine: MEDICINE.medicine,
        dose: MEDICINE.dose,
        instructions: MEDICINE.instructions,
        starts_on: first.date,
        ends_on: endsOn,
      },
      now: new Date(at(start.minus({ days: 1 }).toISODate()!, hm(20, 10), zone)),
    });
    const doses = daysOf(id)
      .filter((d) => d.date >= first.date && d.date <= endsOn && isHere(d, MEDICINE.at))
      .filter((d) => d.date !== todayIso || MEDICINE.at + 2 <= nowMinutes)
      .map((d) => d.date);
    medicine = { child, instructionId, doses };
    break;
  }
  const fallDay = latestPast('demo-child-07', hm(15, 5));
  const feverDay = latestPast('demo-child-26', hm(13, 15));
  return {
    medicine,
    fall: fallDay && { child: fallDay.child, date: fallDay.date, at: hm(15, 5) },
    fever: feverDay && { child: feverDay.child, date: feverDay.date },
  };
}

// ————— The day log —————

/** Writes every room's day on each logged day; returns each child's activities by `child:date`. */
async function seedDayLog(input: ParentsDayInput, story: Stories) {
  const { today, users, names, dates, here, tasId } = input;
  const zone = today.zoneName!;
  const todayIso = today.toISODate()!;
  const nowMinutes = today.hour * 60 + today.minute;
  const activities = new Map<string, string>();
  const rooms = [...new Set(here.map((d) => d.child.room))];
  const perRoom = new Map<RoomPlan, Call[]>(rooms.map((room) => [room, []]));
  const centers = [...new Set(here.map((x) => x.child.centerId))];
  const photos: Promise<void>[] = [];

  for (const [d, date] of [...dates, todayIso].entries()) {
    const until = date === todayIso ? nowMinutes : Number.POSITIVE_INFINITY;
    const roomDays = rooms.flatMap((room, r) => {
      const days = here.filter((x) => x.date === date && x.child.room === room);
      const centerId = days[0]?.child.centerId;
      const menu = centerId && menuFor(centerId === tasId ? 'tas' : 'workplace', weekdayOf(date));
      if (!menu) return [];
      // Today the staff on shift write it; on earlier days the room's caregiver of the day and its teacher.
      const staff = (by: 'care' | 'teacher') =>
        date === todayIso
          ? users[by === 'teacher' ? room.onShift[room.onShift.length - 1] : room.onShift[0]]
          : users[by === 'teacher' ? room.teacher : room.door[(d + r) % room.door.length]];
      const plan = planRoomDay({
        roomKey: `${centerId}:${room.name}`,
        band: bandOf(room),
        date,
        menu,
        until,
        children: days.map((x) => ({
          id: x.child.id,
          ageMonths: ageInMonths(x.child.birthDate, date),
          arrive: x.arrive,
          leave: x.leave,
          avoid: AVOIDS[x.child.id] ?? [],
          milk: centerId !== tasId || BREAST_MILK.includes(x.child.id) ? 'breast_milk' : 'formula',
          nursing: centerId !== tasId && bandOf(room) === 'infant',
        })),
      });
      return [{ room, centerId, days, plan, staff }];
    });

    for (const { room, plan, staff } of roomDays) {
      const calls = perRoom.get(room)!;
      for (const log of plan) {
        calls.push({
          date,
          loggedAt: log.loggedAt,
          actorId: staff(log.by),
          form: DayEntrySchema.parse({
            intent: 'log',
            childIds: log.childIds,
            time: clock(log.at),
            ...formFields(log.entry),
          }),
        });
        if (log.entry.kind === 'activity')
          for (const id of log.childIds) activities.set(`${id}:${date}`, log.entry.text);
      }
      // The dose at noon, as the guardian's instruction says, by the caregiver on duty.
      const medicine = story.medicine;
      if (medicine?.child.room === room && medicine.doses.includes(date))
        calls.push({
          date,
          loggedAt: MEDICINE.at + 2,
          actorId: staff('care'),
          form: DayEntrySchema.parse({
            intent: 'log',
            kind: 'medicine',
            childIds: [medicine.child.id],
            time: clock(MEDICINE.at),
            instructionId: medicine.instructionId,
            dose: MEDICINE.dose,
            given_by: names[staff('care')],
          }),
        });
      if (story.fall?.child.room === room && story.fall.date === date)
        calls.push({
          date,
          loggedAt: story.fall.at + 3,
          actorId: staff('teacher'),
          form: DayEntrySchema.parse({
            intent: 'log',
            kind: 'note',
            childIds: [story.fall.child.id],
            time: clock(story.fall.at),
            text: 'Jatuh saat bermain di halaman; lutut kiri lecet sedikit. Sudah dibersihkan dan diberi plester, lalu bermain lagi.',
          }),
        });
      if (story.fever?.child.room === room && story.fever.date === date)
        calls.push({
          date,
          loggedAt: hm(11, 2),
          actorId: staff('care'),
          form: DayEntrySchema.parse({
            intent: 'log',
            kind: 'note',
            childIds: [story.fever.child.id],
            time: clock(hm(11)),
            text: 'Suhu diukur pukul 11.00: 36,8 °C. Tidak rewel, bermain seperti biasa.',
          }),
        });
    }

    // A photo a day, in one center and the other by turns, of one room's activity (another room
    // each time), showing only children whose families consented.
    const turn = roomDays.map((_, k) => roomDays[(d + k) % roomDays.length]);
    const first = turn.findIndex((x) => x.centerId === centers[d % centers.length]);
    for (const { room, days, plan, staff } of [
      ...turn.slice(Math.max(first, 0)),
      ...turn.slice(0, Math.max(first, 0)),
    ]) {
      const activity = plan.find((l) => l.entry.kind === 'activity' && photoScene(l.entry.text));
      if (activity?.entry.kind !== 'activity') continue;
      const photoAt = activity.at + 15;
      const inPhoto = activity.childIds
        .filter(
          (id) =>
            !input.noPhotos.has(id) &&
            isHere(
              days.find((x) => x.child.id === id)!,
              photoAt,
            ),
        )
        .sort((a, b) => hashOf(`${a}:${date}:photo`) - hashOf(`${b}:${date}:photo`))
        .slice(0, 4);
      if (inPhoto.length < 2 || photoAt + 3 > until) continue;
      const call: Call = {
        date,
        loggedAt: photoAt + 3,
        actorId: staff('teacher'),
        form: DayEntrySchema.parse({
          intent: 'log',
          kind: 'photo',
          childIds: inPhoto,
          time: clock(photoAt),
          caption: activity.entry.text,
        }),
      };
      perRoom.get(room)!.push(call);
      // Drawn, then checked and re-encoded as an upload is.
      const scene = photoScene(activity.entry.text)!;
      photos.push(
        (async () => {
          const bytes = await sceneJpeg({ scene, figures: inPhoto.length, variant: hashOf(`${room.name}:${date}`) });
          const checked = await preparePhoto({
            fileName: `IMG_${date.replaceAll('-', '')}.jpg`,
            bytes,
            tooLarge: false,
          });
          if ('error' in checked) throw new Error(`The demo's photo was refused: ${checked.error}`);
          call.photo = checked;
        })(),
      );
      break;
    }
  }
  await Promise.all(photos);

  // Each room's day in the order it was written; the rooms and days side by side (PostgreSQL
  // writes them at once, SQLite one transaction after another).
  const chains = [...perRoom.entries()].flatMap(([room, calls]) =>
    [...new Set(calls.map((c) => c.date))].map((date) => ({
      centerId: here.find((x) => x.child.room === room)!.child.centerId,
      calls: calls.filter((c) => c.date === date).sort((a, b) => a.loggedAt - b.loggedAt),
    })),
  );
  await Promise.all(
    chains.map(async ({ centerId, calls }) => {
      for (const call of calls) {
        const result = await logEntries({
          center: { id: centerId, timeZone: zone },
          actorId: call.actorId,
          form: call.form,
          photo: call.photo,
          now: new Date(at(call.date, call.loggedAt, zone)),
        });
        if (!result.ok)
          throw new Error(
            `The demo's day log was refused (${result.error}${result.names ? `: ${result.names.join(', ')}` : ''}) for ${call.form.kind} on ${call.date}`,
          );
      }
    }),
  );
  return activities;
}

/** The form fields of a planned entry (beside intent, children and time). */
function formFields(entry: ReturnType<typeof planRoomDay>[number]['entry']): Record<string, unknown> {
  switch (entry.kind) {
    case 'nap':
      return { kind: 'nap', end: entry.end === null ? '' : clock(entry.end) };
    default:
      return entry;
  }
}

// ————— Conversations —————

type Line = { by: string; date: string; at: number; body: string; attachment?: { fileName: string; bytes: Buffer } };
type Thread = {
  child: string;
  lines: Line[];
  /** Who opened the conversation later, up to its messages of that moment. */
  reads: { by: string; date: string; at: number }[];
};

/**
 * A few conversations between families and staff, on days that fit them (a child who was here, a
 * fall the log records). The demo teacher (guru@) has read some and not others, so her inbox shows
 * unread ones; the demo parent has a reply still to read. demo-child-03 has none: a browser test
 * starts that conversation and counts its unread message.
 */
async function seedConversations(
  { today, children, users, dates, here }: ParentsDayInput,
  { fall, fever, activities }: Stories & { activities: Map<string, string> },
) {
  const zone = today.zoneName!;
  const todayIso = today.toISODate()!;
  const [d0, d1, d2] = dates;
  const next = (date: string) => dates[dates.indexOf(date) + 1] ?? null;
  /** The logged days before today on which the child was here at that time, oldest first. */
  const hereAt = (id: string, minutes: number) =>
    here.filter((d) => d.child.id === id && d.date !== todayIso && isHere(d, minutes)).map((d) => d.date);
  const guardianOf = (id: string) => children.find((c) => c.id === id)!.guardians[0].userId!;
  // The mother brought milk on a day Aisyah came; the nappies in her locker ran short on the last
  // logged day. The mother has not read that one yet.
  const milkDay = hereAt('demo-child-01', hm(8, 5)).at(-2) ?? hereAt('demo-child-01', hm(8, 5)).at(-1);
  const bimaDay = hereAt('demo-child-13', hm(8)).at(-1);
  const threads: Thread[] = [
    {
      child: 'demo-child-01',
      lines: [
        ...(milkDay
          ? [
              {
                by: 'family',
                date: milkDay,
                at: hm(6, 52),
                body: 'Selamat pagi, Bu Ratna. Hari ini Aisyah saya bawakan 3 botol ASI perah, sudah saya tulis tanggal dan jam perahnya. Mohon disimpan di kulkas ya, Bu.',
              },
              {
                by: 'guru@demo.asuh.id',
                date: milkDay,
                at: hm(8, 5),
                body: 'Selamat pagi, Bu Siti. Sudah kami simpan di kulkas ASI. Nanti dihangatkan dengan air hangat sebelum diberikan, tidak pakai microwave.',
              },
            ]
          : []),
        {
          by: 'guru@demo.asuh.id',
          date: d2,
          at: hm(15, 5),
          body: 'Bu Siti, popok Aisyah di loker tinggal 2. Mohon dibawakan lagi, ya. Terima kasih.',
        },
      ],
      // The mother read the first answer at her lunch break.
      reads: milkDay ? [{ by: 'family', date: milkDay, at: hm(12, 10) }] : [],
    },
  ];
  threads.push(
    {
      child: 'demo-child-04',
      lines: [
        {
          by: 'family',
          date: d2,
          at: hm(20, 35),
          body: 'Selamat malam, Bu Ratna. Dua hari ini Dimas agak rewel dan suka menggigit, sepertinya gigi gerahamnya mau tumbuh. Kalau besok rewel, mohon dikabari, ya.',
        },
      ],
      reads: [],
    },
    {
      child: 'demo-child-09',
      lines: [
        {
          by: 'family',
          date: d0,
          at: hm(19, 40),
          body: 'Bu Ratna, ini surat keterangan sehat Intan dari Puskesmas untuk melengkapi berkas di penitipan.',
          attachment: {
            fileName: 'surat-keterangan-sehat-intan.pdf',
            bytes: healthLetter(children, 'demo-child-09', d0),
          },
        },
        {
          by: 'guru@demo.asuh.id',
          date: d1,
          at: hm(7, 45),
          body: 'Terima kasih, Bu Lina. Suratnya sudah kami terima dan kami simpan di berkas Intan.',
        },
      ],
      reads: [{ by: 'family', date: d1, at: hm(12, 30) }],
    },
  );
  if (bimaDay)
    threads.push({
      child: 'demo-child-13',
      lines: [
        {
          by: 'family',
          date: bimaDay,
          at: hm(6, 40),
          body: 'Selamat pagi, Bu Endah. Susu kedelai Bima saya titipkan 2 kotak di tasnya. Mohon jangan diberi makanan yang mengandung susu sapi, ya, Bu. Kemarin di rumah sempat ruam lagi.',
        },
        {
          by: 'endah.puspitasari@demo.asuh.id',
          date: bimaDay,
          at: hm(7, 55),
          body: 'Baik, Bu Tuti, sudah kami catat. Kalau camilannya mengandung susu, Bima kami beri pengganti tanpa susu.',
        },
      ],
      reads: [{ by: 'family', date: bimaDay, at: hm(9, 15) }],
    });
  threads.push({
    child: 'demo-child-22',
    lines: [
      {
        by: 'family',
        date: d0,
        at: hm(7, 20),
        body: 'Bu Rina, kami memang belum mengizinkan foto Yoga. Kalau ada foto kegiatan bersama, mohon Yoga tidak ikut difoto, ya.',
      },
      {
        by: 'rina.marlina@demo.asuh.id',
        date: d0,
        at: hm(9, 40),
        body: 'Baik, Bu Wati. Di Asuh, foto kegiatan hanya bisa disimpan untuk anak yang walinya mengizinkan foto, jadi Yoga tidak akan ada di foto kelas.',
      },
    ],
    reads: [{ by: 'family', date: d0, at: hm(12, 5) }],
  });
  if (fall)
    threads.push({
      child: fall.child.id,
      lines: [
        {
          by: 'endah.puspitasari@demo.asuh.id',
          date: fall.date,
          at: fall.at + 15,
          body: 'Bu Wati, tadi sore Gita jatuh waktu bermain di halaman, lutut kirinya lecet sedikit. Sudah kami bersihkan dan diberi plester. Gita tidak menangis lama dan langsung bermain lagi.',
        },
        {
          by: 'family',
          date: fall.date,
          at: hm(17, 5),
          body: 'Terima kasih kabarnya, Bu Endah. Lukanya sudah saya lihat, tidak apa-apa.',
        },
      ],
      reads: [{ by: 'guru@demo.asuh.id', date: fall.date, at: hm(17, 30) }],
    });
  if (fever)
    threads.push({
      child: fever.child.id,
      lines: [
        {
          by: 'family',
          date: fever.date,
          at: hm(6, 25),
          body: 'Selamat pagi, Bu Yuli. Semalam suhu Rafi 37,8 °C, pagi ini sudah 36,7 °C. Mohon dipantau, ya, Bu. Kalau naik lagi, langsung telepon saya.',
        },
        {
          by: 'guru.tara@demo.asuh.id',
          date: fever.date,
          at: hm(13, 15),
          body: 'Baik, Bu Nur. Pukul 11.00 tadi suhunya 36,8 °C. Rafi makan siang dan sekarang sedang tidur. Kami ukur lagi sesudah bangun.',
        },
        { by: 'family', date: fever.date, at: hm(13, 40), body: 'Alhamdulillah. Terima kasih, Bu.' },
      ],
      reads: [],
    });
  // A father glad of what his child learned: the day's activity, as the log has it.
  const learned = dates
    .map((date) => ({ date, text: activities.get(`demo-child-08:${date}`) }))
    .filter((x) => x.text && next(x.date))
    .at(-1);
  if (learned)
    threads.push({
      child: 'demo-child-08',
      lines: [
        {
          by: 'family',
          date: learned.date,
          at: hm(18, 30),
          body: `Bu Maria, Hana cerita, tadi di kelas ${learned.text![0].toLowerCase()}${learned.text!.slice(1)}. Senang sekali dia. Terima kasih, Bu.`,
        },
        {
          by: 'maria.ulfa@demo.asuh.id',
          date: next(learned.date)!,
          at: hm(7, 50),
          body: 'Sama-sama, Pak Eko. Hana memang semangat sekali. Kami senang mendengarnya.',
        },
      ],
      reads: [{ by: 'family', date: next(learned.date)!, at: hm(12, 0) }],
    });

  // The conversations side by side, each in its order.
  await Promise.all(threads.map((thread) => writeThread(thread)));
  async function writeThread(thread: Thread) {
    const child = children.find((c) => c.id === thread.child)!;
    const who = (by: string) => (by === 'family' ? guardianOf(child.id) : users[by]);
    const events = [
      ...thread.lines.map((line) => ({ kind: 'line' as const, when: at(line.date, line.at, zone), line })),
      ...thread.reads.map((read) => ({ kind: 'read' as const, when: at(read.date, read.at, zone), read })),
    ].sort((a, b) => a.when.localeCompare(b.when));
    for (const event of events) {
      if (event.when >= today.toUTC().toISO()!) continue;
      if (event.kind === 'read') {
        await markConversationRead({
          centerId: child.centerId,
          childId: child.id,
          userId: who(event.read.by),
          upTo: event.when,
          now: new Date(event.when),
        });
        continue;
      }
      const { line } = event;
      let attachment = null;
      if (line.attachment) {
        const prepared = await prepareAttachment({ ...line.attachment, tooLarge: false });
        if (!prepared.ok) throw new Error(`The demo's attachment was refused: ${prepared.error}`);
        attachment = prepared.attachment;
      }
      const sent = await sendMessage({
        centerId: child.centerId,
        childId: child.id,
        authorId: who(line.by),
        body: MessageSchema.parse({ body: line.body }).body,
        attachment,
        now: new Date(event.when),
      });
      if (!sent.ok) throw new Error(`The demo's message was refused: ${sent.error}`);
    }
  }
}

/** A health certificate as a Puskesmas writes one (made up, like everything in the demo). */
function healthLetter(children: DemoChild[], childId: string, date: string) {
  const child = children.find((c) => c.id === childId)!;
  const born = DateTime.fromISO(child.birthDate).setLocale('id').toFormat('d LLLL yyyy');
  const on = DateTime.fromISO(date).setLocale('id').toFormat('d LLLL yyyy');
  return letterPdf([
    'SURAT KETERANGAN SEHAT',
    'Puskesmas Kecamatan Sumber Jaya, Jakarta Timur',
    '',
    'Yang bertanda tangan di bawah ini menerangkan bahwa:',
    `Nama: ${child.name}`,
    `Tanggal lahir: ${born}`,
    '',
    'telah diperiksa dan dalam keadaan sehat, dapat mengikuti',
    'kegiatan di tempat penitipan anak.',
    '',
    `Jakarta, ${on}`,
    'Dokter pemeriksa,',
    '',
    'dr. Ratih Kusumadewi (nama rekaan)',
  ]);
}

// ————— Announcements —————

type Announcement = {
  center: 'tas' | 'tara';
  by: string;
  roles: ('coordinator' | 'teacher')[];
  /** A classroom by name, or the whole center. */
  room: string | null;
  date: string;
  at: number;
  title: string;
  body: string;
  urgent?: boolean;
  requiresAck?: boolean;
  /** The share of families who have read it (and acknowledged, when asked) by now. */
  readShare: number;
  /** Families (by a child's id) who have certainly done so, or certainly not yet. */
  done?: string[];
  pending?: string[];
};

async function seedAnnouncements(db: Kysely<DB>, { today, children, users, tasId, taraId, dates }: ParentsDayInput) {
  const zone = today.zoneName!;
  const [d0, d1, d2] = dates;
  const nextWeekday = (weekday: number) => {
    let d = today.plus({ days: 1 });
    while (d.weekday !== weekday) d = d.plus({ days: 1 });
    return d.setLocale('id').toFormat('cccc, d LLLL');
  };
  const list: Announcement[] = [
    {
      center: 'tas',
      by: COORDINATOR,
      roles: ['coordinator'],
      room: null,
      date: d0,
      at: hm(13, 5),
      title: 'Kelas parenting: gizi seimbang untuk balita',
      body: `Ayah dan Bunda, TAS Cempaka Harapan bersama Puskesmas Kecamatan Sumber Jaya mengadakan kelas parenting tentang gizi seimbang dan makanan pendamping ASI (MPASI) pada hari ${nextWeekday(6)}, pukul 09.00–11.00, di aula TAS.\n\nAnak boleh diajak: kakak pengasuh menemani mereka bermain selama acara. Mohon kabari guru kelas bila Ayah/Bunda akan datang.`,
      readShare: 0.7,
    },
    {
      center: 'tas',
      by: 'guru@demo.asuh.id',
      roles: ['teacher'],
      room: 'Bayi (Melati)',
      date: d1,
      at: hm(15, 40),
      title: 'Baju ganti dan popok cadangan',
      body: 'Ayah dan Bunda kelas Melati, musim hujan sudah tiba dan anak-anak lebih sering berganti baju. Mohon titipkan 2 setel baju ganti, 1 jaket tipis, dan popok cadangan di loker anak. Beri nama pada setiap barang, ya. Terima kasih.',
      readShare: 0.5,
    },
    {
      center: 'tas',
      by: COORDINATOR,
      roles: ['coordinator'],
      room: null,
      date: d2,
      at: hm(10, 30),
      title: 'Penyakit tangan, kaki, dan mulut (HFMD): mohon periksa anak setiap pagi',
      body: 'Ayah dan Bunda, kemarin dokter menyatakan seorang anak di TAS kami terkena penyakit tangan, kaki, dan mulut (HFMD, sering disebut flu singapura). Anak tersebut beristirahat di rumah sampai sembuh.\n\nGejalanya: demam, sariawan atau luka di mulut, dan bintik merah atau lenting berisi air di telapak tangan, telapak kaki, atau bokong. Penyakit ini menular lewat ludah, ingus, dan tinja, dan biasanya sembuh sendiri dalam 7–10 hari.\n\nMohon periksa tangan, kaki, dan mulut anak setiap pagi sebelum berangkat. Bila ada gejala, anak beristirahat di rumah dan diperiksakan ke dokter atau Puskesmas; kabari kami lewat pesan. Kami membersihkan mainan dan permukaan dengan disinfektan setiap hari dan membiasakan anak mencuci tangan dengan sabun.\n\nMohon tekan "Saya sudah membaca" sebagai tanda Ayah/Bunda sudah menerima pemberitahuan ini.',
      urgent: true,
      requiresAck: true,
      readShare: 0.55,
      // The demo parent still has it to acknowledge; the browser test of acknowledgements uses these two families.
      done: ['demo-child-04'],
      pending: ['demo-child-01', 'demo-child-06'],
    },
    {
      center: 'tara',
      by: COORDINATOR,
      roles: ['coordinator'],
      room: null,
      date: d1,
      at: hm(9, 10),
      title: 'Penimbangan dan pengukuran bulanan',
      body: `Ayah dan Bunda, pada hari ${nextWeekday(2)} pagi bidan dari Puskesmas datang untuk menimbang dan mengukur tinggi badan anak-anak, seperti di Posyandu. Hasilnya bisa dilihat di Asuh, di halaman pertumbuhan anak. Mohon anak sudah datang sebelum pukul 09.00.`,
      readShare: 0.6,
    },
  ];
  const seededAt = today.toUTC().toISO()!;
  // Each announcement and what its families did, side by side.
  const announce = async (a: Announcement) => {
    const centerId = a.center === 'tas' ? tasId : taraId;
    const when = at(a.date, a.at, zone);
    if (when >= seededAt) return;
    const classroomId = a.room
      ? children.find((c) => c.centerId === centerId && c.room.name === a.room)!.classroomId
      : WHOLE_CENTER;
    const sent = await createAnnouncement({
      centerId,
      actorId: users[a.by],
      roles: a.roles,
      input: AnnouncementSchema.parse({
        intent: 'announce',
        audience: classroomId,
        title: a.title,
        body: a.body,
        urgent: a.urgent ?? false,
        requires_ack: a.requiresAck ?? false,
      }),
      now: new Date(when),
    });
    if (!sent.ok) throw new Error(`The demo's announcement was refused: ${sent.error}`);
    const receipts = await db
      .selectFrom('announcement_receipts')
      .innerJoin('users', 'users.id', 'announcement_receipts.user_id')
      .select(['users.id', 'users.email'])
      .where('announcement_receipts.announcement_id', '=', sent.id)
      .orderBy('users.email')
      .execute();
    const familyOf = (ids: string[] = []) =>
      new Set(ids.map((id) => children.find((c) => c.id === id)!.guardians[0].userId));
    const done = familyOf(a.done);
    const pending = familyOf(a.pending);
    // That share of the families (in an order drawn from their addresses), and those named.
    const order = receipts
      .filter((r) => !pending.has(r.id))
      .sort((x, y) => hashOf(`${a.title}:${x.email}`) - hashOf(`${a.title}:${y.email}`));
    const acting = new Set([...done, ...order.slice(0, Math.round(a.readShare * receipts.length)).map((r) => r.id)]);
    const act = async (r: (typeof receipts)[number]) => {
      if (!acting.has(r.id)) return;
      // Read within the hours after it was sent, and before the demo was seeded.
      const rand = seeded(hashOf(`${a.title}:${r.email}:read`));
      const readAt = DateTime.fromISO(when).plus({ minutes: 12 + Math.floor(rand() * 600) });
      if (readAt.toUTC().toISO()! >= seededAt) return;
      const now = readAt.toJSDate();
      if (a.requiresAck) {
        const ack = await acknowledgeAnnouncement({ userId: r.id, announcementId: sent.id, now });
        if (!ack.ok) throw new Error(`The demo's acknowledgement was refused: ${ack.error}`);
      } else await markAnnouncementRead({ userId: r.id, announcementId: sent.id, now });
    };
    await Promise.all(receipts.map(act));
  };
  await Promise.all(list.map(announce));
}
