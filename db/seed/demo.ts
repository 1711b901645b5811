// The demo: one TAS in Jakarta and one workplace daycare after TARA C'More, with enough staff for
// every room and 30 children with their families, three months of attendance, milestones that fit
// each child's age, growth, pickup persons with drawn portraits, and applications in several
// states. Names, addresses, phone and ID numbers are made up. Deterministic: the same data on every
// machine for the same day (dates are counted back from the day of seeding in Asia/Jakarta).
//
// Today depends on the hour of seeding, as a real center's would: before opening the staff are
// arriving; during opening hours it is a live morning (children in, nobody collected yet); after
// closing the day is done; on a closed day nobody comes.
//
// The parents' side (demo-parents-day.ts): the day log of the last few weekdays and of today so far,
// a medicine instruction, conversations, announcements, and the centers' notice settings.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { setKioskPin } from '~/modules/attendance/kiosk.server';
import { requiredStaff } from '~/modules/attendance/rules';
import { hashPassword } from '~/modules/auth/password.server';
import { applicationSchema } from '~/modules/enrollment/application';
import { changeStatus, submitApplication } from '~/modules/enrollment/applications.server';
import { recordKpsp, recordObservations } from '~/modules/development/development.server';
import { bandFor, kpspAgePoint, milestoneAgeMonths } from '~/modules/development/rules';
import { ageInDays, HEIGHT_FROM_DAYS, valueAtZ } from '~/modules/growth/who-standards.server';
import { nextDate } from '~/modules/day/day';
import { rollUpRegionalFigures } from '~/modules/regional/rollups.server';
import { ageInMonths, weekdayOf, type Weekday } from '~/modules/time/time';
import { newId } from '../ids';
import type { DB, Role, Sex } from '../schema';
import {
  at,
  dayTimes,
  hashOf,
  pickOne,
  planAttendance,
  planMilestones,
  seeded,
  minutesOf,
  type DayPlan,
  type Delay,
  type Rand,
} from './demo-days';
import {
  applicationForm,
  linkGuardian,
  makeAbsenceFollowUp,
  makeAttendance,
  makeCenter,
  makeChild,
  makeClassroom,
  makeEmergencyContact,
  makeObservations,
  makePickupPerson,
  makeShift,
  makeUser,
  checkOutAttendance,
  WEEKDAY_HOURS,
  type AttendanceDay,
  type CheckOut,
} from './factories';
import { seedParentsDay, type LoggedDay } from './demo-parents-day';
import { seedPlans } from './demo-plans';
import { portraitPng } from './portraits';

export const DEMO_PASSWORD = 'asuh-demo-2026';
export const DEMO_TAS_ID = 'demo-tas-cempaka';
export const DEMO_TARA_ID = 'demo-tara-cmore';
export const DEMO_KIOSK_PHONE = '+6281255550101';
export const DEMO_KIOSK_PIN = '246810';
/** The child whose three unexplained absences in a row opened the demo's one follow-up. */
export const DEMO_FOLLOW_UP_CHILD = 'demo-child-10';
/** The demo parent's children: the browser tests check them in and out, so today they have no record. */
export const DEMO_PARENT_CHILDREN = ['demo-child-01', 'demo-child-02'];
/**
 * Children with no record and no day log today: the demo parent's, and the one a browser test
 * links to the demo parent as a second guardian (the family's page then shows it beside theirs).
 */
export const DEMO_UNTOUCHED_TODAY = [...DEMO_PARENT_CHILDREN, 'demo-child-05'];
/** The two families who did not consent to photos on the application (every other family did). */
export const DEMO_NO_PHOTO_CONSENT = ['demo-child-18', 'demo-child-22'];
/** How many weekdays before today have their day log (today has it too, up to the hour of seeding). */
export const DEMO_LOGGED_DAYS = 3;

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role | 'parent' | 'regional'; centerIds: string[] }[] =
  [
    {
      email: 'koordinator@demo.asuh.id',
      name: 'Sri Wahyuni',
      role: 'coordinator',
      centerIds: [DEMO_TAS_ID, DEMO_TARA_ID],
    },
    { email: 'guru@demo.asuh.id', name: 'Ratna Kusumawati', role: 'teacher', centerIds: [DEMO_TAS_ID] },
    { email: 'pengasuh@demo.asuh.id', name: 'Dewi Anggraini', role: 'caregiver', centerIds: [DEMO_TAS_ID] },
    { email: 'guru.tara@demo.asuh.id', name: 'Yuliana Simanjuntak', role: 'teacher', centerIds: [DEMO_TARA_ID] },
    { email: 'pengasuh.tara@demo.asuh.id', name: 'Fitri Handayani', role: 'caregiver', centerIds: [DEMO_TARA_ID] },
    { email: 'orangtua@demo.asuh.id', name: 'Siti Rahmawati', role: 'parent', centerIds: [] },
    // A regional overseer (a social office): no center membership, the regions below.
    { email: 'wilayah@demo.asuh.id', name: 'Hendra Gunawan', role: 'regional', centerIds: [] },
  ];

/** The demo's regional account oversees both demo centers: all of DKI Jakarta, and Kota Bandung in Jawa Barat. */
export const DEMO_REGIONS = [
  { province: 'DKI Jakarta', city: null },
  { province: 'Jawa Barat', city: 'Kota Bandung' },
];

/** The rest of the staff (same password). They are the ones on shift this morning, so the demo accounts can clock in themselves. */
export const DEMO_STAFF: { email: string; name: string; role: Role; centerId: string }[] = [
  { email: 'nur.aini@demo.asuh.id', name: 'Nur Aini', role: 'caregiver', centerId: DEMO_TAS_ID },
  { email: 'sumarni@demo.asuh.id', name: 'Sumarni', role: 'caregiver', centerId: DEMO_TAS_ID },
  { email: 'endah.puspitasari@demo.asuh.id', name: 'Endah Puspitasari', role: 'teacher', centerId: DEMO_TAS_ID },
  { email: 'maria.ulfa@demo.asuh.id', name: 'Maria Ulfa', role: 'teacher', centerId: DEMO_TAS_ID },
  { email: 'neneng.sumiati@demo.asuh.id', name: 'Neneng Sumiati', role: 'caregiver', centerId: DEMO_TARA_ID },
  { email: 'euis.komariah@demo.asuh.id', name: 'Euis Komariah', role: 'caregiver', centerId: DEMO_TARA_ID },
  { email: 'rina.marlina@demo.asuh.id', name: 'Rina Marlina', role: 'teacher', centerId: DEMO_TARA_ID },
];

export type RoomPlan = {
  name: string;
  minAgeMonths: number;
  maxAgeMonths: number;
  capacity: number;
  /** Who takes children in and hands them over at this room's door. */
  door: string[];
  /** Who clocked in to this room this morning. */
  onShift: string[];
  /** Who observes the children's development. */
  teacher: string;
};

const CENTERS: {
  id: string;
  name: string;
  kind: 'tas' | 'workplace';
  city: string;
  province: string;
  address: string;
  contactPhone: string;
  contactEmail: string;
  idRegion: string;
  rooms: RoomPlan[];
}[] = [
  {
    id: DEMO_TAS_ID,
    name: 'TAS Cempaka Harapan',
    kind: 'tas',
    city: 'Jakarta Timur',
    province: 'DKI Jakarta',
    address: 'Jl. Pelita Harapan No. 27, RT 004/RW 009, Kel. Cempaka Asri, Kec. Sumber Jaya, Jakarta Timur 13460',
    contactPhone: '+622148972650',
    contactEmail: 'tas.cempaka@demo.asuh.id',
    idRegion: '3175',
    rooms: [
      {
        name: 'Bayi (Melati)',
        minAgeMonths: 3,
        maxAgeMonths: 23,
        capacity: 9,
        door: ['pengasuh@demo.asuh.id', 'nur.aini@demo.asuh.id'],
        onShift: ['nur.aini@demo.asuh.id'],
        teacher: 'guru@demo.asuh.id',
      },
      {
        name: 'Batita (Anggrek)',
        minAgeMonths: 24,
        maxAgeMonths: 47,
        capacity: 16,
        door: ['sumarni@demo.asuh.id', 'endah.puspitasari@demo.asuh.id'],
        onShift: ['sumarni@demo.asuh.id', 'endah.puspitasari@demo.asuh.id'],
        teacher: 'endah.puspitasari@demo.asuh.id',
      },
      {
        name: 'Prasekolah (Kenanga)',
        minAgeMonths: 48,
        maxAgeMonths: 72,
        capacity: 20,
        door: ['maria.ulfa@demo.asuh.id', 'pengasuh@demo.asuh.id'],
        onShift: ['maria.ulfa@demo.asuh.id'],
        teacher: 'maria.ulfa@demo.asuh.id',
      },
    ],
  },
  {
    id: DEMO_TARA_ID,
    name: "TARA C'More Balai Kota",
    kind: 'workplace',
    city: 'Kota Bandung',
    province: 'Jawa Barat',
    address:
      'Gedung Layanan Pegawai Lt. 1, Jl. Sukamulya Timur No. 5, Kel. Sindangsari Wetan, Kec. Cibadak Asri, Kota Bandung 40117',
    contactPhone: '+62224206180',
    contactEmail: 'tara.cmore@demo.asuh.id',
    idRegion: '3273',
    rooms: [
      {
        name: 'Bayi (Kupu-kupu)',
        minAgeMonths: 3,
        maxAgeMonths: 23,
        capacity: 6,
        door: ['neneng.sumiati@demo.asuh.id', 'pengasuh.tara@demo.asuh.id'],
        onShift: ['neneng.sumiati@demo.asuh.id'],
        teacher: 'guru.tara@demo.asuh.id',
      },
      {
        name: 'Batita (Lebah)',
        minAgeMonths: 24,
        maxAgeMonths: 47,
        capacity: 12,
        door: ['euis.komariah@demo.asuh.id', 'pengasuh.tara@demo.asuh.id'],
        onShift: ['euis.komariah@demo.asuh.id'],
        teacher: 'guru.tara@demo.asuh.id',
      },
      {
        name: 'Prasekolah (Capung)',
        minAgeMonths: 48,
        maxAgeMonths: 72,
        capacity: 15,
        door: ['rina.marlina@demo.asuh.id', 'euis.komariah@demo.asuh.id'],
        onShift: ['rina.marlina@demo.asuh.id'],
        teacher: 'rina.marlina@demo.asuh.id',
      },
    ],
  },
];

const FIRST = [
  'Aisyah',
  'Bagas',
  'Citra',
  'Dimas',
  'Eka',
  'Fajar',
  'Gita',
  'Hana',
  'Intan',
  'Joko',
  'Kirana',
  'Laras',
  'Bima',
  'Nadia',
  'Oka',
  'Putri',
  'Rizki',
  'Sekar',
  'Tegar',
  'Utami',
  'Wulan',
  'Yoga',
  'Zahra',
  'Arka',
  'Dewa',
  'Rafi',
  'Nayla',
  'Keisha',
  'Danu',
  'Melati',
];
const FAMILY = [
  'Pratama',
  'Wijaya',
  'Saputra',
  'Lestari',
  'Nugroho',
  'Hidayat',
  'Kusuma',
  'Siregar',
  'Wibowo',
  'Santoso',
  'Halim',
  'Manurung',
  'Setiawan',
  'Purnomo',
  'Nasution',
];
/** The guardian with an account, by child: a mother (ibu) or a father (ayah), as the name says. */
const GUARDIAN_FIRST: [string, 'ibu' | 'ayah'][] = [
  ['Ani', 'ibu'],
  ['Budi', 'ayah'],
  ['Rina', 'ibu'],
  ['Agus', 'ayah'],
  ['Yanti', 'ibu'],
  ['Hendra', 'ayah'],
  ['Wati', 'ibu'],
  ['Eko', 'ayah'],
  ['Lina', 'ibu'],
  ['Rudi', 'ayah'],
  ['Nur', 'ibu'],
  ['Dedi', 'ayah'],
  ['Tuti', 'ibu'],
  ['Andi', 'ayah'],
  ['Ida', 'ibu'],
];
const MOTHERS = ['Dewi', 'Sri', 'Indah', 'Fitriani', 'Ayu', 'Mega', 'Novi', 'Ratih', 'Wulandari', 'Desi'];
const FATHERS = ['Ahmad', 'Bambang', 'Dodi', 'Fauzi', 'Heru', 'Irfan', 'Joni', 'Rahmat', 'Slamet', 'Yusuf'];
const GRANDMOTHERS = ['Sumiyati', 'Suharti', 'Romlah', 'Kartini', 'Juariah', 'Rukmini', 'Painem', 'Maryam'];
const GRANDFATHERS = ['Sutrisno', 'Darmaji', 'Mulyono', 'Sukardi', 'Wagiman', 'Usman', 'Parlin', 'Abdullah'];
const AUNTS = ['Lilis Suryani', 'Yeni Marlina', 'Rosa Damanik', 'Evi Susanti'];
const UNCLES = ['Deni Kurniawan', 'Ferry Gunawan', 'Iwan Setiadi', 'Toni Harahap'];

const STREETS: Record<string, string[]> = {
  [DEMO_TAS_ID]: [
    'Jl. Kenari Hijau',
    'Jl. Swadaya Makmur',
    'Gg. Masjid Al-Ikhlas',
    'Jl. Delima Raya',
    'Jl. Bambu Kuning II',
    'Jl. Pinang Baru',
  ],
  [DEMO_TARA_ID]: [
    'Jl. Cigadung Asri',
    'Gg. Sukaluyu III',
    'Jl. Babakan Sari',
    'Jl. Pasir Impun Indah',
    'Jl. Cikutra Baru',
  ],
};
const DISTRICTS: Record<string, [string, string, string][]> = {
  [DEMO_TAS_ID]: [
    ['Cempaka Asri', 'Sumber Jaya', 'Jakarta Timur'],
    ['Pondok Kelapa Indah', 'Sumber Jaya', 'Jakarta Timur'],
    ['Rawa Sentosa', 'Cakung Barat Daya', 'Jakarta Timur'],
  ],
  [DEMO_TARA_ID]: [
    ['Sindangsari Wetan', 'Cibadak Asri', 'Kota Bandung'],
    ['Sukaluyu Girang', 'Cibadak Asri', 'Kota Bandung'],
    ['Cipageran Tonggoh', 'Cimahi Asri', 'Kota Cimahi'],
  ],
};

/** What the families and coordinators recorded about some children (the rest have nothing to note). */
const PROFILES: Record<string, Parameters<typeof makeChild>[1]['profile']> = {
  'demo-child-03': {
    supportNeeded:
      'Mendapat makanan tambahan (PMT) dari Puskesmas. Keluarga menunggu jadwal pemeriksaan tumbuh kembang di Puskesmas Kecamatan.',
    immunizationStatus: 'partial',
  },
  'demo-child-05': {
    allergies: 'Kacang tanah (bibir bengkak, biduran)',
    medicines: 'Sirup cetirizine bila gatal, sesuai resep dokter (dibawa dari rumah)',
  },
  'demo-child-06': {
    gestationWeeks: 34,
    medicalConditions: 'Lahir prematur (34 minggu); kontrol rutin ke dokter anak.',
  },
  'demo-child-09': { medicalConditions: 'Eksim: oleskan pelembap dari rumah setelah mandi.' },
  'demo-child-11': {
    custodyNote:
      'Putusan Pengadilan Agama (2025): Kirana tinggal bersama ibunya. Ayahnya, Hendro Halim, tidak boleh menjemput. Bila ia datang, jangan serahkan anak; hubungi koordinator.',
    custodyRestrictsPickup: true,
  },
  'demo-child-13': { allergies: 'Susu sapi (diare, ruam); minum susu kedelai yang dibawa dari rumah' },
  'demo-child-17': {
    medicalConditions: 'Asma ringan',
    medicines: 'Inhaler salbutamol di tas: 2 semprot bila sesak, lalu telepon orang tua',
  },
  'demo-child-21': { allergies: 'Telur (ruam kulit)' },
  'demo-child-24': { allergies: 'Udang dan kepiting' },
  'demo-child-26': {
    medicalConditions: 'Pernah kejang demam (2024). Bila suhu 38 °C atau lebih: kompres dan segera telepon orang tua.',
    medicines: 'Parasetamol sirup dari orang tua, dosis tertulis di botol',
  },
};

/** Children who come on fewer days or shorter hours than the center's usual week. */
const SCHEDULES: Record<string, { days?: Weekday[]; start?: string; end?: string }> = {
  'demo-child-15': { days: ['mon', 'tue', 'wed', 'thu'], end: '15:00' },
  'demo-child-18': { days: ['mon', 'wed', 'fri'] },
  'demo-child-23': { days: ['mon', 'tue', 'wed', 'thu'] },
};

/** Who started only weeks ago (their history is short). */
const RECENT_STARTERS: Record<string, number> = { 'demo-child-14': 5, 'demo-child-30': 3 };

/** The delays the demo shows on purpose; everyone else develops as most children of their age do. */
const DELAYS: Record<string, Delay> = {
  // Citra, also stunted: language behind, the same way at every band.
  'demo-child-03': {
    domain: 'language',
    fullBand: 24,
    partial: ['cdc-30m-lc-3'],
    notSure: ['cdc-30m-lc-4', 'cdc-36m-lc-4'],
  },
  // Keisha: moving a little behind (kicking a ball, jumping), nothing else.
  'demo-child-28': {
    domain: 'movement',
    fullBand: 18,
    partial: ['cdc-24m-mp-2', 'cdc-24m-mp-3', 'cdc-24m-mp-4'],
    notSure: ['cdc-30m-mp-4'],
  },
};

/** This morning's plan where the browser tests need it: these are here, these stayed home (the rest by chance). */
const TODAY_HERE = ['demo-child-04', 'demo-child-06', 'demo-child-08', 'demo-child-09'];
const TODAY_AWAY: Record<string, { reason: 'sick' | 'family'; note: string }> = {
  'demo-child-12': { reason: 'sick', note: 'Demam sejak semalam' },
  'demo-child-14': { reason: 'family', note: 'Ikut ibu ke acara keluarga' },
  'demo-child-16': { reason: 'family', note: 'Menghadiri pernikahan saudara di Bogor' },
};

const two = (n: number) => String(n).padStart(2, '0');
/** Made-up numbers in a 5555 block: 0812-5555-01nn for guardians, other series for other family. */
const phone = (operator: string, n: number) => `+62${operator}5555${String(n).padStart(4, '0')}`;
/** A KTP-like number that cannot be anyone's: its date of birth part is 000000. */
const idNumber = (region: string, n: number) => `${region}01000000${String(n).padStart(4, '0')}`;

/** A small deterministic generator kept from the first demo: the children's ages come from it. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * The family's answer on the application. The first demo drew it at random; the draw stays in its
 * place, so the family's other details (drawn after it) are what they were.
 */
function photoConsent(childId: string, rand: Rand) {
  rand();
  return !DEMO_NO_PHOTO_CONSENT.includes(childId);
}

export async function isDemoSeeded(db: Kysely<DB>) {
  return (await db.selectFrom('centers').select('id').where('id', '=', DEMO_TAS_ID).executeTakeFirst()) !== undefined;
}

type Person = { name: string; relationship: string; phone: string; userId?: string; pickupId?: string };
export type DemoChild = {
  id: string;
  /** The full name, as on the record. */
  name: string;
  sex: Sex;
  centerId: string;
  classroomId: string;
  room: RoomPlan;
  birthDate: string;
  gestationWeeks: number | null;
  ageMonths: number;
  scheduleDays: Weekday[];
  schedule: [string, string];
  startDate: string;
  guardians: Person[];
  pickups: Person[];
};

/** Seeds the demo once; a second run finds it and changes nothing. Returns false if already seeded. */
export async function seedDemo(db: Kysely<DB>, today = DateTime.now().setZone('Asia/Jakarta')): Promise<boolean> {
  if (await isDemoSeeded(db)) return false;
  const todayIso = today.toISODate()!;
  // Every demo account has the same password: hash it once.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: Record<string, string> = {};
  const rooms: Record<string, { id: string; plan: RoomPlan }[]> = {};
  const children: DemoChild[] = [];
  const pickupsToMake: { child: DemoChild; person: Person; sex: Sex; older: boolean; n: number }[] = [];

  await db.transaction().execute(async (trx) => {
    for (const c of CENTERS) {
      await makeCenter(trx, {
        id: c.id,
        name: c.name,
        kind: c.kind,
        city: c.city,
        province: c.province,
        address: c.address,
        contactPhone: c.contactPhone,
        contactEmail: c.contactEmail,
        // The workplace daycare has a lactation room: mothers working in the building log their visits.
        lactationRoom: c.kind === 'workplace',
      });
      rooms[c.id] = [];
      for (const plan of c.rooms) {
        const room = await makeClassroom(trx, {
          centerId: c.id,
          name: plan.name,
          minAgeMonths: plan.minAgeMonths,
          maxAgeMonths: plan.maxAgeMonths,
          capacity: plan.capacity,
        });
        rooms[c.id].push({ id: room.id, plan });
      }
    }
    for (const a of DEMO_ACCOUNTS) {
      const memberships =
        a.role === 'parent' || a.role === 'regional'
          ? []
          : a.centerIds.map((centerId) => ({ centerId, role: a.role as Role }));
      const phoneNumber = a.role === 'parent' ? DEMO_KIOSK_PHONE : null;
      users[a.email] = (
        await makeUser(trx, { email: a.email, name: a.name, passwordHash, memberships, phone: phoneNumber })
      ).id;
    }
    for (const s of DEMO_STAFF)
      users[s.email] = (
        await makeUser(trx, {
          email: s.email,
          name: s.name,
          passwordHash,
          memberships: [{ centerId: s.centerId, role: s.role }],
        })
      ).id;

    const random = rng(2026);
    for (let i = 0; i < 30; i++) {
      const id = `demo-child-${two(i + 1)}`;
      const center = i < 18 ? CENTERS[0] : CENTERS[1];
      const family = FAMILY[i % FAMILY.length];
      const ageMonths = 4 + Math.floor(random() * 62);
      const birthDate = today.minus({ months: ageMonths, days: Math.floor(random() * 28) }).toISODate()!;
      const room = rooms[center.id].find((r) => ageMonths >= r.plan.minAgeMonths && ageMonths <= r.plan.maxAgeMonths)!;
      const rand = seeded(1000 + i);
      // Started between 4 and 16 months ago (never before 3 months of age), on a Monday.
      const monthsAgo = Math.min(4 + Math.floor(rand() * 13), ageMonths - 3);
      const started = RECENT_STARTERS[id]
        ? today.minus({ weeks: RECENT_STARTERS[id] })
        : today.minus({ months: monthsAgo });
      const startDate = started.minus({ days: started.weekday - 1 }).toISODate()!;
      const [district, subdistrict, city] = pickOne(rand, DISTRICTS[center.id]);
      const rtRw = [1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 9)].map((n) => String(n).padStart(3, '0'));
      const street = `${pickOne(rand, STREETS[center.id])} No. ${1 + Math.floor(rand() * 80)}`;
      const address = `${street}, RT ${rtRw[0]}/RW ${rtRw[1]}, Kel. ${district}, Kec. ${subdistrict}, ${city}`;
      const batak = ['Siregar', 'Manurung', 'Nasution'].includes(family);
      const schedule = SCHEDULES[id] ?? {};
      const defaultHours: [string, string] = center.kind === 'workplace' ? ['07:00', '16:00'] : ['07:30', '16:00'];
      const sex: Sex = i % 2 === 0 ? 'female' : 'male';
      const profile = PROFILES[id] ?? {};
      await makeChild(trx, {
        id,
        centerId: center.id,
        classroomId: room.id,
        fullName: `${FIRST[i]} ${family}`,
        nickname: FIRST[i],
        sex,
        birthDate,
        scheduleDays: schedule.days,
        scheduleStart: schedule.start ?? defaultHours[0],
        scheduleEnd: schedule.end ?? defaultHours[1],
        startDate,
        profile: {
          address,
          homeLanguages: batak
            ? 'Indonesia, Batak'
            : center.kind === 'workplace'
              ? 'Indonesia, Sunda'
              : pickOne(rand, ['Indonesia', 'Indonesia, Jawa', 'Indonesia, Betawi']),
          birthOrder: 1 + Math.floor(rand() * rand() * 3),
          immunizationStatus: 'complete',
          consentPhotos: photoConsent(id, rand),
          ...profile,
        },
      });

      // The demo parent has two children at the TAS; every other child has a guardian of their own.
      const [guardianFirst, relationship] = GUARDIAN_FIRST[i % GUARDIAN_FIRST.length];
      const guardian: Person =
        i < 2
          ? {
              name: 'Siti Rahmawati',
              relationship: 'ibu',
              phone: DEMO_KIOSK_PHONE,
              userId: users['orangtua@demo.asuh.id'],
            }
          : { name: `${guardianFirst} ${family}`, relationship, phone: phone('812', 100 + i + 1) };
      if (i >= 2)
        guardian.userId = (
          await makeUser(trx, {
            id: `demo-guardian-${two(i + 1)}`,
            email: `wali${two(i + 1)}@demo.asuh.id`,
            name: guardian.name,
            passwordHash,
            phone: guardian.phone,
          })
        ).id;
      await linkGuardian(trx, { childId: id, userId: guardian.userId!, relationship: guardian.relationship });

      const otherParent: Person =
        i < 2
          ? { name: 'Arif Setiabudi', relationship: 'ayah', phone: phone('813', 201) }
          : guardian.relationship === 'ibu'
            ? {
                name: `${FATHERS[i % FATHERS.length]} ${family}`,
                relationship: 'ayah',
                phone: phone('813', 200 + i + 1),
              }
            : {
                name: `${MOTHERS[i % MOTHERS.length]} ${pickOne(rand, FAMILY)}`,
                relationship: 'ibu',
                phone: phone('813', 200 + i + 1),
              };
      const grandmother = i < 2 ? 'Sumiyati' : GRANDMOTHERS[i % GRANDMOTHERS.length];
      const grandparent: Person =
        i < 2 || i % 3 !== 1
          ? { name: grandmother, relationship: 'nenek', phone: phone('857', 300 + (i < 2 ? 1 : i + 1)) }
          : { name: GRANDFATHERS[i % GRANDFATHERS.length], relationship: 'kakek', phone: phone('857', 300 + i + 1) };
      const restricted = profile.custodyRestrictsPickup === true;
      // Whom to call: the guardian first, then the other parent (or, where custody is restricted, a grandparent).
      const contacts = [guardian, restricted ? grandparent : otherParent];
      if (!restricted && rand() < 0.5) contacts.push(grandparent);
      for (const [k, c] of contacts.entries())
        await makeEmergencyContact(trx, {
          centerId: center.id,
          childId: id,
          position: k + 1,
          name: c.name,
          relationship: c.relationship,
          phone: c.phone,
        });

      // Who else may collect the child: a grandparent; often the other parent; now and then an aunt or uncle.
      const pickups: Person[] = [grandparent];
      if (!restricted && (i < 2 || rand() < 0.6)) pickups.push(otherParent);
      if (!restricted && i >= 2 && rand() < 0.2) {
        const aunt = rand() < 0.5;
        pickups.push({
          name: aunt ? pickOne(rand, AUNTS) : pickOne(rand, UNCLES),
          relationship: aunt ? 'Tante' : 'Om',
          phone: phone('878', 400 + i + 1),
        });
      }
      const child: DemoChild = {
        id,
        name: `${FIRST[i]} ${family}`,
        sex,
        centerId: center.id,
        classroomId: room.id,
        room: room.plan,
        birthDate,
        gestationWeeks: profile.gestationWeeks ?? null,
        ageMonths,
        scheduleDays: schedule.days ?? ['mon', 'tue', 'wed', 'thu', 'fri'],
        schedule: [schedule.start ?? defaultHours[0], schedule.end ?? defaultHours[1]],
        startDate,
        guardians: [guardian],
        pickups,
      };
      children.push(child);
      for (const [k, person] of pickups.entries())
        pickupsToMake.push({
          child,
          person,
          sex: ['ibu', 'nenek', 'Tante'].includes(person.relationship) ? 'female' : 'male',
          older: person.relationship === 'nenek' || person.relationship === 'kakek',
          n: (i + 1) * 10 + k,
        });
    }
  });

  // Pickup persons with drawn portraits, stored as real pickup_photo documents; the files are
  // written before their rows, outside any transaction.
  const portraits = await Promise.all(
    pickupsToMake.map((p) => portraitPng({ sex: p.sex, older: p.older, variant: hashOf(p.person.name) })),
  );
  for (const [k, p] of pickupsToMake.entries()) {
    const region = CENTERS.find((c) => c.id === p.child.centerId)!.idRegion;
    const row = await makePickupPerson(db, {
      centerId: p.child.centerId,
      childId: p.child.id,
      name: p.person.name,
      relationship: p.person.relationship,
      phone: p.person.phone,
      idNumber: idNumber(region, p.n),
      photo: {
        bytes: portraits[k],
        fileName: `foto-${p.person.name.toLowerCase().replace(/\W+/g, '-')}.png`,
        mimeType: 'image/png',
      },
    });
    p.person.pickupId = row.id;
  }

  const classrooms = new Map(Object.values(rooms).flatMap((list) => list.map((r) => [r.plan, r.id] as const)));
  const logged = await db.transaction().execute(async (trx) => {
    const result = await seedDays(trx, { today, children, users, classrooms });
    await seedMeasurements(trx, { today, children, users });
    return result;
  });

  // The demo parent can try the kiosk at the TAS once a coordinator pairs a tablet.
  await setKioskPin({
    userId: users['orangtua@demo.asuh.id'],
    centerId: DEMO_TAS_ID,
    phone: DEMO_KIOSK_PHONE,
    pin: DEMO_KIOSK_PIN,
  });
  await seedApplications(db, today);
  await seedObservations(db, { today, todayIso, children, users });

  const names = Object.fromEntries(
    [...DEMO_ACCOUNTS, ...DEMO_STAFF].map((a) => [users[a.email], a.name] as [string, string]),
  );
  await seedParentsDay(db, {
    today,
    children,
    users,
    names,
    tasId: DEMO_TAS_ID,
    taraId: DEMO_TARA_ID,
    dates: logged.dates,
    here: logged.here,
    noPhotos: new Set(DEMO_NO_PHOTO_CONSENT),
  });
  // The logged days' children were here while their day was written; now they go home.
  await checkOutAttendance(db, logged.checkOuts);
  await seedPlans(db, {
    today,
    rooms: Object.entries(rooms).flatMap(([centerId, list]) => list.map((r) => ({ ...r, centerId }))),
    children,
    users,
  });
  for (const region of DEMO_REGIONS)
    await db
      .insertInto('regional_roles')
      .values({
        id: newId(),
        user_id: users['wilayah@demo.asuh.id'],
        ...region,
        invite_id: null,
        created_at: today.toUTC().toISO()!,
        ended_at: null,
      })
      .execute();
  // The regional figures, as the worker's job would have kept them over the demo's history.
  await rollUpRegionalFigures({ now: today.toJSDate() });
  return true;
}

/** The last `count` days the centers were open before `today`, oldest first. */
function loggedDates(today: DateTime, count: number) {
  const dates: string[] = [];
  for (let d = today.minus({ days: 1 }); dates.length < count; d = d.minus({ days: 1 }))
    if (WEEKDAY_HOURS[weekdayOf(d.toISODate()!)]) dates.unshift(d.toISODate()!);
  return dates;
}

/** The local dates the center was open and the child expected, from `from` to the day before `today`. */
function expectedDates(child: DemoChild, from: DateTime, today: DateTime) {
  const dates: string[] = [];
  // Calendar dates as text: stepping a zoned DateTime costs a time zone lookup a day, for every child.
  const [first, end] = [[from.toISODate()!, child.startDate].sort()[1], today.toISODate()!];
  for (let date = first; date < end; date = nextDate(date))
    if (WEEKDAY_HOURS[weekdayOf(date)] && child.scheduleDays.includes(weekdayOf(date))) dates.push(date);
  return dates;
}

/**
 * Three months of attendance for every child, this morning at the door (see the top of this file),
 * the staff on shift, and the one follow-up of unexplained absences. The children of the logged
 * days (DEMO_LOGGED_DAYS, and today) are written as still here: their check-outs are returned, to
 * be recorded once their day's log is written. Returns those days, who was here, and the check-outs.
 */
async function seedDays(
  db: Kysely<DB>,
  {
    today,
    children,
    users,
    classrooms,
  }: {
    today: DateTime;
    children: DemoChild[];
    users: Record<string, string>;
    classrooms: Map<RoomPlan, string>;
  },
) {
  const zone = today.zoneName!;
  const todayIso = today.toISODate()!;
  const hours = WEEKDAY_HOURS;
  const todaysHours = hours[weekdayOf(todayIso)];
  const nowMinutes = today.hour * 60 + today.minute;
  const dayOver = todaysHours !== null && nowMinutes >= minutesOf(todaysHours[1]);
  const days: AttendanceDay[] = [];
  const loggedOn = loggedDates(today, DEMO_LOGGED_DAYS);
  const here: LoggedDay[] = [];
  const checkOuts: CheckOut[] = [];
  const localMinutes = (iso: string) => {
    const t = DateTime.fromISO(iso).setZone(zone);
    return t.hour * 60 + t.minute;
  };
  /** A logged day: the child stays checked in while the day's log is written, and goes home after. */
  const logged = (child: DemoChild, day: ReturnType<typeof presentDay>): AttendanceDay => {
    here.push({ child, date: day.date, arrive: localMinutes(day.checkInAt), leave: localMinutes(day.leaveAt) });
    if (!day.checkOutAt) return day;
    checkOuts.push({
      childId: day.childId,
      date: day.date,
      checkOutAt: day.checkOutAt,
      checkOutBy: day.checkOutBy ?? null,
      pickedUpBy: day.pickedUpBy ?? null,
      pickupPersonId: day.pickupPersonId ?? null,
    });
    return {
      ...day,
      status: 'present',
      checkOutAt: null,
      checkOutBy: null,
      pickedUpBy: null,
      pickupPersonId: null,
    };
  };

  const presentDay = (
    child: DemoChild,
    date: string,
    rand: Rand,
    leaves: boolean,
  ): Extract<AttendanceDay, { checkInAt: string }> & { leaveAt: string } => {
    const opening = hours[weekdayOf(date)]!;
    const { arrive, leave } = dayTimes({ rand, schedule: child.schedule, opening });
    const bringer = rand() < 0.75 || child.pickups.length === 0 ? child.guardians[0] : pickOne(rand, child.pickups);
    const collector = rand() < 0.65 || child.pickups.length === 0 ? child.guardians[0] : pickOne(rand, child.pickups);
    const door = child.room.door.map((email) => users[email]);
    return {
      centerId: child.centerId,
      childId: child.id,
      classroomId: child.classroomId,
      date,
      status: leaves ? 'checked_out' : 'present',
      checkInAt: at(date, arrive, zone),
      /** When the child goes (or, today, will go) home. */
      leaveAt: at(date, leave, zone),
      checkInBy: pickOne(rand, door),
      broughtBy: bringer.name,
      temperatureTenths: rand() < 0.4 ? 360 + Math.floor(rand() * 13) : null,
      mood: rand() < 0.5 ? pickOne(rand, ['happy', 'happy', 'calm', 'calm', 'tired']) : null,
      ...(leaves
        ? {
            checkOutAt: at(date, leave, zone),
            checkOutBy: pickOne(rand, door),
            pickedUpBy: collector.name,
            pickupPersonId: collector.pickupId ?? null,
          }
        : {}),
    };
  };
  const absentDay = (
    child: DemoChild,
    day: Extract<DayPlan, { kind: 'absent' }>,
    rand: Rand,
  ): Extract<AttendanceDay, { reportedAt: string }> => {
    // Families report illness and trips the evening before or early that morning; the door staff
    // mark an absence nobody explained at mid-morning.
    const byFamily = day.reason !== 'unexplained';
    const reportedAt = byFamily
      ? rand() < 0.5
        ? at(DateTime.fromISO(day.date).minus({ days: 1 }).toISODate()!, 19 * 60 + rand() * 150, zone)
        : at(day.date, 5 * 60 + 30 + rand() * 75, zone)
      : at(day.date, 9 * 60 + 30 + rand() * 60, zone);
    return {
      centerId: child.centerId,
      childId: child.id,
      classroomId: child.classroomId,
      date: day.date,
      status: 'absent',
      reason: day.reason,
      note: day.note,
      reportedBy: byFamily ? child.guardians[0].userId! : users[child.room.door[0]],
      reportedAt,
    };
  };

  const from = today.minus({ months: 3 });
  for (const child of children) {
    const dates = expectedDates(child, from, today);
    const followUp = child.id === DEMO_FOLLOW_UP_CHILD;
    const rand = seeded(hashOf(`${child.id}:days`));
    const plan = planAttendance({
      dates,
      rand,
      ageMonths: child.ageMonths,
      frailty: 0.6 + rand(),
      unexplainedTail: followUp ? 3 : 0,
    });
    let last: AttendanceDay | undefined;
    for (const day of plan) {
      if (day.kind === 'present') {
        const present = presentDay(child, day.date, rand, true);
        last = loggedOn.includes(day.date) ? logged(child, present) : present;
      } else last = absentDay(child, day, rand);
      days.push(last);
    }
    // The third unexplained absence in a row opened it, when the door staff marked it.
    if (followUp && last?.status === 'absent')
      await makeAbsenceFollowUp(db, {
        centerId: child.centerId,
        childId: child.id,
        missedDays: plan
          .slice(-3)
          .map((d) => d.date)
          .reverse(),
        createdAt: last.reportedAt,
      });
  }

  // Today.
  if (todaysHours) {
    const todayRand = seeded(hashOf(`${todayIso}:today`));
    const hereToday: DemoChild[] = [];
    for (const child of children) {
      if (!child.scheduleDays.includes(weekdayOf(todayIso)) || child.startDate > todayIso) continue;
      if (DEMO_UNTOUCHED_TODAY.includes(child.id) || child.id === DEMO_FOLLOW_UP_CHILD) continue;
      const away = TODAY_AWAY[child.id];
      const chance = todayRand();
      if (away || (!TODAY_HERE.includes(child.id) && chance < 0.1)) {
        const reason = away?.reason ?? 'sick';
        const absence = absentDay(
          child,
          { date: todayIso, kind: 'absent', reason, note: away?.note ?? 'Batuk pilek' },
          todayRand,
        );
        // Seeded before dawn, a family may not have sent word yet.
        if (Date.parse(absence.reportedAt) <= today.toMillis()) days.push(absence);
        continue;
      }
      const day = presentDay(child, todayIso, todayRand, dayOver);
      // Not here yet: a child whose usual time has not come.
      if (Date.parse(day.checkInAt) > today.toMillis()) continue;
      days.push(logged(child, day));
      hereToday.push(child);
    }
    // The staff came in before the children (from 06:40); after closing their shifts are over.
    for (const center of CENTERS)
      for (const [k, room] of center.rooms.entries()) {
        const classroom = classrooms.get(room)!;
        const ages = hereToday.filter((c) => c.room === room).map((c) => ageInMonths(c.birthDate, todayIso));
        if (room.onShift.length < requiredStaff(ages))
          throw new Error(`The demo's ${room.name} has too few staff on shift for its children`);
        for (const [s, email] of room.onShift.entries()) {
          const clockIn = at(todayIso, 6 * 60 + 40 + k * 3 + s * 2, zone);
          if (Date.parse(clockIn) > today.toMillis()) continue;
          await makeShift(db, {
            centerId: center.id,
            classroomId: classroom,
            userId: users[email],
            date: todayIso,
            clockInAt: clockIn,
            clockOutAt: dayOver ? at(todayIso, minutesOf(todaysHours[1]) + 5 + s, zone) : null,
          });
        }
      }
  }
  await makeAttendance(db, days);
  return { dates: loggedOn, here, checkOuts };
}

/**
 * A year of monthly measurements (on the first day of the month on or after the 5th that the child
 * was at the center), drawn along a WHO z-score line per child with a little month-to-month wobble;
 * demo-child-03 is stunted.
 */
async function seedMeasurements(
  db: Kysely<DB>,
  { today, children, users }: { today: DateTime; children: DemoChild[]; users: Record<string, string> },
) {
  const profiles: Record<string, { lhfa: number; wfa: number }> = {
    'demo-child-01': { lhfa: 0.3, wfa: 0.1 },
    'demo-child-02': { lhfa: -0.8, wfa: -0.5 },
    'demo-child-03': { lhfa: -2.6, wfa: -1.9 },
    'demo-child-04': { lhfa: 1.0, wfa: 1.4 },
    'demo-child-05': { lhfa: -1.2, wfa: -1.6 },
    'demo-child-06': { lhfa: -0.2, wfa: 0.6 },
  };
  const present = new Set(
    (await db.selectFrom('attendance').select(['child_id', 'date']).where('status', '!=', 'absent').execute()).map(
      (r) => `${r.child_id}:${r.date}`,
    ),
  );
  const todayIso = today.toISODate()!;
  const rows = [];
  // The 5th of each of the last twelve months, oldest first, and the first day of the attendance history.
  const fifths = Array.from({ length: 12 }, (_, k) =>
    today
      .minus({ months: 11 - k })
      .set({ day: 5 })
      .toISODate()!,
  );
  const historyFrom = today.minus({ months: 3 }).toISODate()!;
  for (const child of children) {
    const rand = seeded(hashOf(`${child.id}:growth`));
    const lhfa = profiles[child.id]?.lhfa ?? (child.centerId === DEMO_TAS_ID ? -0.4 : 0.1) + (rand() - 0.5) * 2;
    const z = profiles[child.id] ?? { lhfa, wfa: lhfa * 0.6 + (rand() - 0.5) * 1.2 };
    for (const fifth of fifths) {
      // The first day from the 5th on that the child came (or, before the attendance history, was expected).
      let date = fifth;
      for (
        let k = 0;
        date < todayIso &&
        k < 20 &&
        (!child.scheduleDays.includes(weekdayOf(date)) || (date >= historyFrom && !present.has(`${child.id}:${date}`)));
        k++
      )
        date = nextDate(date);
      if (date >= todayIso || date < child.startDate) continue;
      const days = ageInDays(child.birthDate, date);
      if (days < 30) continue;
      const length = valueAtZ('lhfa', child.sex, Math.min(days, 1826), z.lhfa + (rand() - 0.5) * 0.1);
      const weight = valueAtZ('wfa', child.sex, Math.min(days, 1826), z.wfa + (rand() - 0.5) * 0.2);
      const head = valueAtZ('hcfa', child.sex, Math.min(days, 1826), z.lhfa / 2);
      if (!length || !weight) continue;
      rows.push({
        id: newId(),
        center_id: child.centerId,
        child_id: child.id,
        measured_on: date,
        weight_kg: Math.round(weight * 10) / 10,
        length_cm: Math.round(length * 10) / 10,
        position: days < HEIGHT_FROM_DAYS ? ('lying' as const) : ('standing' as const),
        head_cm: head && days < HEIGHT_FROM_DAYS ? Math.round(head * 10) / 10 : null,
        muac_cm: null,
        note: null,
        recorded_by: users[child.room.teacher],
        created_at: at(date, 10 * 60, today.zoneName!),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('measurements')
      .values(rows.slice(i, i + 200))
      .execute();
}

/**
 * Milestones for every child, as fits their age (see planMilestones): what they showed in earlier
 * bands was recorded when they were that age (or at their first weeks here); their own band was
 * observed in the last weeks by their room's teacher, through the same code the teacher's form
 * uses (so the change history shows it). Citra (demo-child-03) also had a KPSP screening.
 */
async function seedObservations(
  db: Kysely<DB>,
  {
    today,
    todayIso,
    children,
    users,
  }: { today: DateTime; todayIso: string; children: DemoChild[]; users: Record<string, string> },
) {
  const items = await db
    .selectFrom('milestone_items')
    .select(['id', 'age_months', 'domain'])
    .where('center_id', 'is', null)
    .orderBy('age_months')
    .orderBy('id')
    .execute();
  const weekday = (d: DateTime) => (d.weekday > 5 ? d.minus({ days: d.weekday - 5 }) : d);
  const earlier: Parameters<typeof makeObservations>[1] = [];
  const recent: {
    child: DemoChild;
    observedOn: string;
    entries: { itemId: string; status: 'yes' | 'not_yet' | 'not_sure' }[];
  }[] = [];
  for (const child of children) {
    const age = milestoneAgeMonths(child.birthDate, todayIso, child.gestationWeeks);
    const band = bandFor(age.months);
    if (!band) continue;
    const rand = seeded(hashOf(`${child.id}:milestones`));
    const planned = planMilestones({ items, ageMonths: age.months, band, rand, delay: DELAYS[child.id] });
    const born = DateTime.fromISO(child.birthDate, { zone: today.zone }).plus({
      weeks: child.gestationWeeks && child.gestationWeeks < 37 ? 40 - child.gestationWeeks : 0,
    });
    const latestEarlier = today.minus({ days: 30 });
    // The items of one age were seen on one day (worked out once per age: date arithmetic is slow).
    const seenOn = new Map<number, string>();
    const dayFor = (ageMonths: number) => {
      let when = born.plus({ months: ageMonths + 1, days: 7 });
      if (when.toISODate()! < child.startDate)
        when = DateTime.fromISO(child.startDate, { zone: today.zone }).plus({ days: 3 });
      if (when > latestEarlier)
        when = DateTime.max(latestEarlier, DateTime.fromISO(child.startDate, { zone: today.zone }));
      return weekday(when).toISODate()!;
    };
    for (const p of planned.filter((o) => !o.recent)) {
      if (!seenOn.has(p.ageMonths)) seenOn.set(p.ageMonths, dayFor(p.ageMonths));
      earlier.push({
        centerId: child.centerId,
        childId: child.id,
        itemId: p.itemId,
        status: p.status,
        observedOn: seenOn.get(p.ageMonths)!,
        recordedBy: users[child.room.teacher],
      });
    }
    recent.push({
      child,
      observedOn: weekday(today.minus({ days: 3 + Math.floor(rand() * 14) })).toISODate()!,
      entries: planned.filter((o) => o.recent).map((o) => ({ itemId: o.itemId, status: o.status })),
    });
  }
  await db.transaction().execute((trx) => makeObservations(trx, earlier));
  // Oldest first, so the change history lists the latest session at the top.
  for (const r of recent.sort(
    (a, b) => a.observedOn.localeCompare(b.observedOn) || a.child.id.localeCompare(b.child.id),
  ))
    await recordObservations({
      centerId: r.child.centerId,
      actorId: users[r.child.room.teacher],
      observedOn: r.observedOn,
      entries: r.entries.map((e) => ({ childId: r.child.id, itemId: e.itemId, status: e.status, note: null })),
    });

  const citra = children.find((c) => c.id === 'demo-child-03')!;
  const screenedOn = weekday(today.minus({ days: 9 })).toISODate()!;
  const agePoint = kpspAgePoint(citra.birthDate, screenedOn);
  if (agePoint)
    await recordKpsp({
      centerId: citra.centerId,
      childId: citra.id,
      actorId: users[citra.room.teacher],
      screenedOn,
      agePointMonths: agePoint,
      yesCount: 7,
      note: 'Kosakata masih sedikit. Dianjurkan mengajak bicara dan membacakan buku setiap hari; KPSP diulang dua minggu lagi.',
    });
}

type DemoApplication = {
  center: string;
  form: Record<string, string | string[]>;
  path: ('in_review' | 'waitlisted' | 'offered' | 'declined')[];
  room?: number;
};

/** Applications in several states, made through the same code a parent and a coordinator use. */
async function seedApplications(db: Kysely<DB>, today: DateTime) {
  const coordinator = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'koordinator@demo.asuh.id')
    .executeTakeFirstOrThrow();
  const iso = (d: DateTime) => d.toISODate()!;
  const born = (months: number) => iso(today.minus({ months }));
  const todayIso = iso(today);
  const list: DemoApplication[] = [
    {
      center: DEMO_TAS_ID,
      form: {
        child_full_name: 'Alya Putri Maharani',
        child_birth_date: born(30),
        g1_name: 'Sri Maharani',
        g1_phone: '081234567001',
        g1_email: 'sri.maharani@demo.asuh.id',
        priority_dtks: 'on',
      },
      path: [],
    },
    {
      center: DEMO_TAS_ID,
      form: {
        child_full_name: 'Raka Aditya Nugroho',
        child_sex: 'male',
        child_birth_date: born(40),
        g1_name: 'Ayu Nugroho',
        g1_phone: '081234567002',
        g1_email: 'ayu.nugroho@demo.asuh.id',
        priority_working_mother: 'on',
      },
      path: ['in_review'],
    },
    {
      center: DEMO_TAS_ID,
      form: {
        child_full_name: 'Naura Salsabila',
        child_birth_date: born(28),
        g1_name: 'Ratih Salsabila',
        g1_phone: '081234567003',
        g1_email: 'ratih.s@demo.asuh.id',
        priority_dtks: 'on',
        priority_single_parent: 'on',
        priority_nutrition_risk: 'on',
      },
      path: ['in_review', 'waitlisted'],
      room: 1,
    },
    {
      center: DEMO_TAS_ID,
      form: {
        child_full_name: 'Fikri Ramadhan',
        child_sex: 'male',
        child_birth_date: born(33),
        g1_name: 'Dian Ramadhan',
        g1_phone: '081234567004',
        g1_email: 'dian.r@demo.asuh.id',
      },
      path: ['in_review', 'waitlisted'],
      room: 1,
    },
    {
      center: DEMO_TAS_ID,
      form: {
        child_full_name: 'Kayla Anindya',
        child_birth_date: born(52),
        g1_name: 'Maya Anindya',
        g1_phone: '081234567005',
        g1_email: 'maya.a@demo.asuh.id',
        priority_social_worker_referral: 'on',
      },
      path: ['in_review', 'offered'],
      room: 2,
    },
    {
      center: DEMO_TAS_ID,
      form: {
        child_full_name: 'Gilang Pratama',
        child_sex: 'male',
        child_birth_date: born(20),
        g1_name: 'Eko Pratama',
        g1_phone: '081234567006',
        g1_email: 'eko.p@demo.asuh.id',
      },
      path: ['declined'],
    },
    {
      center: DEMO_TARA_ID,
      form: {
        child_full_name: 'Bening Kinanti',
        child_birth_date: born(14),
        g1_name: 'Laras Kinanti',
        g1_phone: '081234567007',
        g1_email: 'laras.k@demo.asuh.id',
        priority_host_employee: 'on',
      },
      path: ['in_review'],
    },
  ];
  for (const item of list) {
    const form = applicationForm(item.form, { today: todayIso });
    const kind = item.center === DEMO_TAS_ID ? 'tas' : 'workplace';
    const input = applicationSchema({ kind, today: todayIso }).parse(form);
    const result = await submitApplication({ centerId: item.center, kind, token: null, form, input, documents: {} });
    if (!result.ok) throw new Error(`Demo application for ${form.child_full_name} was refused`);
    const app = await db
      .selectFrom('applications')
      .select('id')
      .where('reference_code', '=', result.reference)
      .executeTakeFirstOrThrow();
    const rooms = await db
      .selectFrom('classrooms')
      .select('id')
      .where('center_id', '=', item.center)
      .orderBy('min_age_months')
      .execute();
    for (const to of item.path) {
      await changeStatus({
        centerId: item.center,
        applicationId: app.id,
        actorId: coordinator.id,
        to,
        note: null,
        classroomId: item.room === undefined ? null : rooms[item.room].id,
        offerExpiresOn: to === 'offered' ? iso(today.plus({ days: 7 })) : null,
        today: todayIso,
      });
    }
  }
}

export function printDemoLogins() {
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(12)} ${a.email}`);
  console.log('  parent       wali03@demo.asuh.id … wali30@demo.asuh.id (one child each)');
  console.log('  (regional: figures without names for DKI Jakarta and Kota Bandung, Jawa Barat, at /region)');
  console.log(`  more staff   ${DEMO_STAFF.map((s) => s.email).join(', ')}`);
  console.log(
    `Kiosk: a coordinator pairs a tablet under "Mode kios"; the demo parent's phone is 0812-5555-0101, PIN ${DEMO_KIOSK_PIN}.`,
  );
}
