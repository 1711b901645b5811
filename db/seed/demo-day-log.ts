// The demo's day log, worked out without a database: what the staff of a room write through the day
// (meals and snacks with how much was eaten, bottles, a mother's feeding visit, naps, diapers and the
// toilet, a mood, the day's activity, a note now and then), at the times a daycare's day has them
// and only while each child is here. Every choice comes from a generator keyed by the child (or
// the room) and the date, so one child's day does not shift when another's changes.
import type { MOODS } from '~/modules/attendance/door';
import type { AMOUNTS, DIAPERS, MILKS } from '~/modules/day/day';
import type { Weekday } from '~/modules/time/time';
import { hashOf, pickOne, seeded, type Rand } from './demo-days';

type Amount = (typeof AMOUNTS)[number];
type Diaper = (typeof DIAPERS)[number];
type Milk = (typeof MILKS)[number];
type Mood = (typeof MOODS)[number];

/** What a child must not eat, as the family wrote it on the record (see PROFILES in demo.ts). */
export type Allergen = 'egg' | 'cowMilk' | 'peanut' | 'shellfish';
/** A dish, and what a child who must avoid one of its ingredients gets instead. */
export type Dish = { what: string; contains?: readonly Allergen[]; instead?: string };
export type DayMenu = { snackAm: Dish; lunch: Dish; snackPm: Dish; babyLunch: Dish; babySnack: Dish };
export type RoomBand = 'infant' | 'toddler' | 'preschool';

export type LogChild = {
  id: string;
  ageMonths: number;
  /** Local minutes after midnight: checked in, and (planned to be) collected. */
  arrive: number;
  leave: number;
  avoid: readonly Allergen[];
  /** What this child's bottles hold. */
  milk: Milk;
  /** The mother works in the building and comes to feed in the lactation room (TARA C'More). */
  nursing: boolean;
};

export type PlannedEntry =
  | { kind: 'meal' | 'snack'; what: string; amount: Amount }
  | { kind: 'bottle'; ml: number; milk: Milk }
  | { kind: 'breastfeeding'; minutes: number }
  | { kind: 'nap'; end: number | null }
  | { kind: 'diaper'; diaper: Diaper }
  | { kind: 'mood'; mood: Mood }
  | { kind: 'activity' | 'note'; text: string };

/**
 * One entry for several children at once, as the room's log form writes it: `at` is the entry's
 * time, `loggedAt` when staff wrote it (after the meal, when the child woke); both local minutes.
 */
export type PlannedLog = {
  at: number;
  loggedAt: number;
  childIds: string[];
  /** Who writes it: the room's caregivers, or its teacher (activities, notes). */
  by: 'care' | 'teacher';
  entry: PlannedEntry;
};

const hm = (h: number, m = 0) => h * 60 + m;

// ————— What the centers serve —————

// A week's menu repeats, as a daycare's does. Nothing with peanuts; egg, cow's milk and shellfish
// come with what the child who avoids them eats instead.
const TAS_MENU: Record<Exclude<Weekday, 'sat' | 'sun'>, DayMenu> = {
  mon: {
    snackAm: { what: 'Bubur kacang hijau' },
    lunch: { what: 'Nasi, sup ayam wortel dan buncis, tempe goreng' },
    snackPm: { what: 'Pepaya potong' },
    babyLunch: { what: 'Nasi tim ayam, wortel, dan labu siam' },
    babySnack: { what: 'Puree pepaya' },
  },
  tue: {
    snackAm: { what: 'Bolu kukus pandan', contains: ['egg'], instead: 'Ubi rebus' },
    lunch: {
      what: 'Nasi, sayur bening bayam dan jagung, telur dadar, tahu goreng',
      contains: ['egg'],
      instead: 'Nasi, sayur bening bayam dan jagung, tahu dan tempe goreng (tanpa telur)',
    },
    snackPm: { what: 'Pisang ambon' },
    babyLunch: { what: 'Bubur nasi bayam dan tahu' },
    babySnack: { what: 'Pisang kerok' },
  },
  wed: {
    snackAm: { what: 'Puding susu cokelat', contains: ['cowMilk'], instead: 'Agar-agar buah tanpa susu' },
    lunch: { what: 'Nasi, sup ikan patin dan labu siam, perkedel kentang' },
    snackPm: { what: 'Semangka potong' },
    babyLunch: { what: 'Nasi tim ikan patin dan labu siam' },
    babySnack: { what: 'Bubur kacang hijau saring' },
  },
  thu: {
    snackAm: { what: 'Bubur sumsum gula merah' },
    lunch: { what: 'Nasi, semur ayam dan kentang, tumis buncis' },
    snackPm: { what: 'Melon dan pepaya potong' },
    babyLunch: { what: 'Nasi tim ayam dan kentang' },
    babySnack: { what: 'Puree alpukat' },
  },
  fri: {
    snackAm: { what: 'Kue lumpur kentang', contains: ['egg', 'cowMilk'], instead: 'Singkong rebus' },
    lunch: { what: 'Nasi, sayur sop, tempe bacem, ayam goreng' },
    snackPm: { what: 'Jeruk manis' },
    babyLunch: { what: 'Nasi tim sayur sop dan ayam' },
    babySnack: { what: 'Pisang kerok' },
  },
};

const TARA_MENU: Record<Exclude<Weekday, 'sat' | 'sun'>, DayMenu> = {
  mon: {
    snackAm: { what: 'Bubur kacang hijau' },
    lunch: { what: 'Nasi, sayur sop, ayam goreng, tempe' },
    snackPm: { what: 'Pepaya potong' },
    babyLunch: { what: 'Nasi tim ayam dan sayur sop' },
    babySnack: { what: 'Puree pepaya' },
  },
  tue: {
    snackAm: { what: 'Ubi cilembu kukus' },
    lunch: { what: 'Nasi, sayur asem, pepes tahu, ikan goreng' },
    snackPm: { what: 'Pisang ambon' },
    babyLunch: { what: 'Nasi tim ikan dan tahu' },
    babySnack: { what: 'Pisang kerok' },
  },
  wed: {
    snackAm: { what: 'Puding susu', contains: ['cowMilk'], instead: 'Agar-agar buah tanpa susu' },
    lunch: {
      what: 'Nasi, cap cay dengan udang, tahu goreng',
      contains: ['shellfish'],
      instead: 'Nasi, cap cay dengan ayam, tahu goreng (tanpa udang)',
    },
    snackPm: { what: 'Semangka potong' },
    babyLunch: { what: 'Nasi tim ayam, brokoli, dan wortel' },
    babySnack: { what: 'Puree labu kuning' },
  },
  thu: {
    snackAm: { what: 'Bubur sumsum' },
    lunch: { what: 'Nasi, sop bakso ayam, tumis labu siam' },
    snackPm: { what: 'Jeruk manis' },
    babyLunch: { what: 'Nasi tim bakso ayam dan labu siam' },
    babySnack: { what: 'Puree alpukat' },
  },
  fri: {
    snackAm: { what: 'Roti kukus isi pisang', contains: ['egg'], instead: 'Jagung rebus' },
    lunch: {
      what: 'Nasi, sayur bayam, telur ceplok, tempe goreng',
      contains: ['egg'],
      instead: 'Nasi, sayur bayam, tahu dan tempe goreng (tanpa telur)',
    },
    snackPm: { what: 'Melon potong' },
    babyLunch: { what: 'Bubur nasi bayam dan tempe' },
    babySnack: { what: 'Pisang kerok' },
  },
};

/** The menu of a center's kind on a weekday (none on a weekend). */
export function menuFor(kind: 'tas' | 'workplace', weekday: Weekday): DayMenu | null {
  if (weekday === 'sat' || weekday === 'sun') return null;
  return (kind === 'tas' ? TAS_MENU : TARA_MENU)[weekday];
}

/** What a child eats of a dish: the dish, or what they get instead of an ingredient they must avoid. */
export const servedTo = (dish: Dish, avoid: readonly Allergen[]) =>
  dish.contains?.some((a) => avoid.includes(a)) && dish.instead ? dish.instead : dish.what;

/** The room's activities, by age; a photo is taken of some (see photoScene). */
export const ACTIVITIES: Record<RoomBand, string[]> = {
  infant: [
    'Tummy time di matras sambil melihat buku kain bergambar hewan',
    'Bermain cilukba dan kerincingan',
    'Bernyanyi "Pok Ame-Ame" sambil bertepuk tangan',
    'Merangkak mengejar bola berbunyi di matras',
    'Jalan-jalan pagi di halaman dengan kereta bayi',
  ],
  toddler: [
    'Menyusun menara balok warna-warni',
    'Bermain playdough: membuat bola dan ular',
    'Bernyanyi "Kepala, Pundak, Lutut, Kaki" sambil menunjuk',
    'Menempel kertas warna menjadi gambar ikan',
    'Mengenal warna: memasukkan bola ke keranjang yang sama warnanya',
    'Mendengarkan cerita bergambar "Si Kancil"',
  ],
  preschool: [
    'Menanam kangkung di botol bekas',
    'Belajar menulis huruf A sampai E',
    'Mewarnai gambar rumah adat',
    'Senam ceria di halaman',
    'Mendengarkan cerita "Kancil dan Buaya", lalu menceritakannya kembali',
    'Berhitung 1 sampai 20 dengan biji-bijian',
    'Bermain peran: pasar-pasaran',
  ],
};

const NOTES: Record<RoomBand, string[]> = {
  infant: [
    'Sudah bisa berdiri sambil berpegangan di rak mainan.',
    'Gusi bawah tampak bengkak, sepertinya gigi akan tumbuh; agak rewel saat makan.',
    'Baju ganti sudah dipakai karena tumpahan susu; baju kotor ada di kantong plastik di tas.',
    'Tertawa keras saat diajak bermain cilukba.',
    'Popok tinggal 2, mohon dibawakan lagi besok.',
  ],
  toddler: [
    'Hari ini mau makan sendiri dengan sendok sampai habis.',
    'Sudah bilang "pipis" sebelum ke toilet. Hebat!',
    'Sempat menangis saat berebut mainan, lalu mau bergantian setelah dibujuk.',
    'Baju ganti dipakai setelah bermain air; baju basah ada di tas.',
    'Bernyanyi "Balonku" sampai selesai bersama teman-teman.',
  ],
  preschool: [
    'Sudah bisa menulis namanya sendiri tanpa contoh.',
    'Bercerita panjang tentang akhir pekan di rumah nenek.',
    'Membantu teman merapikan balok tanpa diminta.',
    'Menggambar keluarganya dan menyebut nama setiap orang.',
    'Masih sedikit batuk; minum air putih cukup banyak hari ini.',
  ],
};

/** The drawn scene of an activity's photo, for the activities a teacher would photograph. */
export function photoScene(activity: string): 'blocks' | 'planting' | 'drawing' | 'exercise' | 'mat' | null {
  if (/balok|bola ke keranjang/.test(activity)) return 'blocks';
  if (/Menanam/.test(activity)) return 'planting';
  if (/Mewarnai|kertas warna|playdough|menulis|Berhitung/.test(activity)) return 'drawing';
  if (/Senam|Kepala, Pundak/.test(activity)) return 'exercise';
  if (/matras|cilukba|Pok Ame/.test(activity)) return 'mat';
  return null;
}

// ————— When things happen in a room —————

const SLOTS: Record<
  RoomBand,
  { snackAm: number; lunch: number; snackPm: number; activities: number[]; mood: number; checks: number[] }
> = {
  infant: {
    snackAm: hm(9),
    lunch: hm(11, 15),
    snackPm: hm(15),
    // After the morning nap: everyone is awake by then.
    activities: [hm(10, 50)],
    mood: hm(11),
    checks: [hm(9, 10), hm(11, 5), hm(14, 40)],
  },
  toddler: {
    snackAm: hm(9, 15),
    lunch: hm(11, 30),
    snackPm: hm(15),
    activities: [hm(10), hm(15, 30)],
    mood: hm(10, 30),
    checks: [hm(11, 15), hm(14, 45)],
  },
  preschool: {
    snackAm: hm(9, 45),
    lunch: hm(11, 45),
    snackPm: hm(15),
    activities: [hm(9), hm(14, 30)],
    mood: hm(10, 30),
    checks: [],
  },
};

const amountOf = (r: number, appetite: number): Amount =>
  r < 0.45 + 0.35 * appetite
    ? 'all'
    : r < 0.75 + 0.22 * appetite
      ? 'most'
      : r < 0.97 + 0.02 * appetite
        ? 'some'
        : 'none';

function moodOf(rand: Rand, appetite: number): Mood {
  const r = rand();
  if (appetite < 0.12 && r < 0.5) return 'tired';
  return r < 0.52 ? 'happy' : r < 0.83 ? 'calm' : r < 0.94 ? 'tired' : r < 0.985 ? 'sad' : 'unwell';
}

type Nap = { start: number; end: number };

/** One child's day, drawn in a fixed order from the child's own generator. */
function childDay(c: LogChild, band: RoomBand, date: string) {
  const rand = seeded(hashOf(`${c.id}:${date}:log`));
  const appetite = rand();
  const amounts = [amountOf(rand(), appetite), amountOf(rand(), appetite), amountOf(rand(), appetite)];
  const mood = moodOf(rand, appetite);
  const naps: Nap[] = [];
  const around = (from: number, spread: number) => from + Math.floor(rand() * spread);
  if (band === 'infant') {
    // A morning nap for the younger ones (awake again before eleven), and one after lunch for all.
    if (c.ageMonths < 12 || (c.ageMonths < 18 && rand() < 0.5)) {
      const start = around(hm(9, 25), 25);
      naps.push({ start, end: start + 40 + Math.floor(rand() * 4) * 5 });
    }
    const start = around(hm(12, 30), 15);
    naps.push({ start, end: start + 60 + Math.floor(rand() * 8) * 5 });
  } else if (band === 'toddler') {
    // Lights out at half past twelve; they wake one after another.
    naps.push({ start: hm(12, 30), end: hm(13, 50) + Math.floor(rand() * 4) * 15 });
  } else if (rand() < 0.6) {
    // In the preschool room, rest after lunch: most sleep a little.
    naps.push({ start: hm(13), end: hm(13, 40) + Math.floor(rand() * 3) * 15 });
  }
  let dirty = false;
  const checks = SLOTS[band].checks.map((): Diaper => {
    const r = rand();
    if (c.ageMonths >= 36 || (c.ageMonths >= 30 && r < 0.5)) return 'toilet';
    if (r < 0.12) return 'dry';
    if (r < 0.3 && !dirty) return ((dirty = true), 'dirty');
    return 'wet';
  });
  const note = rand() < 0.1 ? { text: pickOne(rand, NOTES[band]), at: around(hm(13, 30), 120) } : null;
  // Bottles: the youngest every three hours or so; toddlers of the baby room one before their nap.
  const bottles: { at: number; ml: number }[] = [];
  const ml = (min: number, steps: number) => min + Math.floor(rand() * steps) * 10;
  if (band === 'infant') {
    if (c.nursing) {
      bottles.push({ at: around(hm(9, 30), 20), ml: ml(100, 6) }, { at: around(hm(14, 35), 20), ml: ml(100, 6) });
    } else if (c.ageMonths < 6) {
      for (const at of [c.arrive + 60, c.arrive + 200, c.arrive + 360]) bottles.push({ at, ml: ml(120, 4) });
    } else if (c.ageMonths < 12) {
      bottles.push(
        { at: around(hm(8, 40), 20), ml: ml(150, 4) },
        { at: around(hm(12, 10), 10), ml: ml(150, 4) },
        { at: around(hm(14, 45), 15), ml: ml(150, 4) },
      );
    } else if (rand() < 0.7) bottles.push({ at: around(hm(12, 10), 10), ml: ml(150, 6) });
  }
  // A mother who works in the building comes at her lunch break (now and then a meeting keeps her).
  const visit =
    c.nursing && rand() < 0.85 ? { at: around(hm(11, 40), 20), minutes: 15 + Math.floor(rand() * 4) * 5 } : null;
  return { amounts, mood, naps, checks, note, bottles, visit };
}

/** Groups children by what they get, keeping the first-seen order. */
function groupBy<T>(items: { id: string; value: T }[], key: (value: T) => string) {
  const groups = new Map<string, { ids: string[]; value: T }>();
  for (const item of items) {
    const k = key(item.value);
    const group = groups.get(k);
    if (group) group.ids.push(item.id);
    else groups.set(k, { ids: [item.id], value: item.value });
  }
  return [...groups.values()];
}

/**
 * A room's day log: what its staff write, for the children here at each time (at least five
 * minutes after arrival and ten before collection). `until` (local minutes) is the clock on the
 * day of seeding: only what was written by then, and a nap that has not ended is still open.
 * Sorted by when it was written.
 */
export function planRoomDay({
  roomKey,
  band,
  date,
  children,
  menu,
  until = Number.POSITIVE_INFINITY,
}: {
  /** Keys the room's own choices (its activities). */
  roomKey: string;
  band: RoomBand;
  date: string;
  children: LogChild[];
  menu: DayMenu;
  until?: number;
}): PlannedLog[] {
  const logs: PlannedLog[] = [];
  const slots = SLOTS[band];
  const days = new Map(children.map((c) => [c.id, childDay(c, band, date)]));
  const here = (c: LogChild, at: number) => at >= c.arrive + 5 && at <= c.leave - 10;
  const naps = (c: LogChild) => days.get(c.id)!.naps.filter((n) => here(c, n.start) && here(c, n.end));
  /** Here and not asleep: a child who sleeps eats, plays and is changed after waking. */
  const awake = (c: LogChild, at: number) => here(c, at) && !naps(c).some((n) => at >= n.start && at < n.end);
  const present = (at: number) => children.filter((c) => awake(c, at));
  const add = (log: PlannedLog) => {
    if (log.childIds.length > 0 && log.loggedAt <= until) logs.push(log);
  };

  // Meals and snacks, one entry per dish and amount.
  const meals: [number, 'meal' | 'snack', number][] = [
    [slots.snackAm, 'snack', 0],
    [slots.lunch, 'meal', 1],
    [slots.snackPm, 'snack', 2],
  ];
  for (const [at, kind, n] of meals) {
    const eating = present(at).filter((c) => band !== 'infant' || c.ageMonths >= 6);
    const dish =
      band === 'infant'
        ? kind === 'meal'
          ? menu.babyLunch
          : menu.babySnack
        : [menu.snackAm, menu.lunch, menu.snackPm][n];
    const served = eating.map((c) => ({
      id: c.id,
      value: { what: servedTo(dish, c.avoid), amount: days.get(c.id)!.amounts[n] },
    }));
    for (const g of groupBy(served, (v) => `${v.what}|${v.amount}`))
      add({ at, loggedAt: at + 25, childIds: g.ids, by: 'care', entry: { kind, ...g.value } });
  }

  // Bottles and the mothers' visits, one child at a time.
  for (const c of children) {
    const day = days.get(c.id)!;
    for (const b of day.bottles)
      if (awake(c, b.at))
        add({
          at: b.at,
          loggedAt: b.at + 15,
          childIds: [c.id],
          by: 'care',
          entry: { kind: 'bottle', ml: b.ml, milk: c.milk },
        });
    if (day.visit && awake(c, day.visit.at) && awake(c, day.visit.at + day.visit.minutes))
      add({
        at: day.visit.at,
        loggedAt: day.visit.at + day.visit.minutes + 2,
        childIds: [c.id],
        by: 'care',
        entry: { kind: 'breastfeeding', minutes: day.visit.minutes },
      });
  }

  // Naps: written when the child wakes; one still asleep when the demo was seeded stays open.
  const sleeping = children.flatMap((c) => naps(c).map((n) => ({ id: c.id, value: n })));
  for (const g of groupBy(sleeping, (n) => `${n.start}-${n.end}`)) {
    const { start, end } = g.value;
    if (end + 2 <= until)
      add({ at: start, loggedAt: end + 2, childIds: g.ids, by: 'care', entry: { kind: 'nap', end } });
    else add({ at: start, loggedAt: start + 3, childIds: g.ids, by: 'care', entry: { kind: 'nap', end: null } });
  }

  // Diapers and the toilet at each round.
  slots.checks.forEach((at, k) => {
    const checked = present(at).map((c) => ({ id: c.id, value: days.get(c.id)!.checks[k] }));
    for (const g of groupBy(checked, (d) => d))
      add({ at, loggedAt: at + 10, childIds: g.ids, by: 'care', entry: { kind: 'diaper', diaper: g.value } });
  });

  // How each child is doing, mid-morning.
  const moods = present(slots.mood).map((c) => ({ id: c.id, value: days.get(c.id)!.mood }));
  for (const g of groupBy(moods, (m) => m))
    add({
      at: slots.mood,
      loggedAt: slots.mood + 2,
      childIds: g.ids,
      by: 'care',
      entry: { kind: 'mood', mood: g.value },
    });

  // The room's activity (and, some afternoons, a second one), for everyone here.
  const roomRand = seeded(hashOf(`${roomKey}:${date}:activities`));
  const first = Math.floor(roomRand() * ACTIVITIES[band].length);
  const second =
    roomRand() < 0.5
      ? (first + 1 + Math.floor(roomRand() * (ACTIVITIES[band].length - 1))) % ACTIVITIES[band].length
      : null;
  slots.activities.forEach((at, k) => {
    const pick = k === 0 ? first : second;
    if (pick === null) return;
    add({
      at,
      loggedAt: at + 30,
      childIds: present(at).map((c) => c.id),
      by: 'teacher',
      entry: { kind: 'activity', text: ACTIVITIES[band][pick] },
    });
  });

  // Now and then a word for the family.
  for (const c of children) {
    const note = days.get(c.id)!.note;
    if (note && awake(c, note.at))
      add({
        at: note.at,
        loggedAt: note.at + 1,
        childIds: [c.id],
        by: 'teacher',
        entry: { kind: 'note', text: note.text },
      });
  }

  return logs.sort((a, b) => a.loggedAt - b.loggedAt || a.at - b.at);
}
