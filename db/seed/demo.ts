// The demo: one TAS in Jakarta and one workplace daycare after TARA C'More, with staff for every
// role and about 30 children with guardians. Names are made up. Deterministic: the same people
// every time (birth dates are counted back from the day of seeding, so ages stay realistic).
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { setKioskPin } from '~/modules/attendance/kiosk.server';
import { loadCenter } from '~/modules/centers/context.server';
import { hashPassword } from '~/modules/auth/password.server';
import { applicationSchema } from '~/modules/enrollment/application';
import { changeStatus, submitApplication } from '~/modules/enrollment/applications.server';
import { developmentRecord, recordObservations } from '~/modules/development/development.server';
import { ageInDays, HEIGHT_FROM_DAYS, valueAtZ } from '~/modules/growth/who-standards.server';
import { newId } from '../ids';
import type { DB, Role, Sex } from '../schema';
import { applicationForm, linkGuardian, makeCenter, makeChild, makeClassroom, makeUser } from './factories';

export const DEMO_PASSWORD = 'asuh-demo-2026';
export const DEMO_TAS_ID = 'demo-tas-cempaka';
export const DEMO_TARA_ID = 'demo-tara-cmore';
export const DEMO_KIOSK_PHONE = '+6281255550101';
export const DEMO_KIOSK_PIN = '246810';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role | 'parent'; centerIds: string[] }[] = [
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
const GUARDIAN_FIRST = [
  'Ani',
  'Budi',
  'Rina',
  'Agus',
  'Yanti',
  'Hendra',
  'Wati',
  'Eko',
  'Lina',
  'Rudi',
  'Nur',
  'Dedi',
  'Tuti',
  'Andi',
  'Ida',
];

/** A small deterministic generator, so the demo is the same on every machine. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export async function isDemoSeeded(db: Kysely<DB>) {
  return (await db.selectFrom('centers').select('id').where('id', '=', DEMO_TAS_ID).executeTakeFirst()) !== undefined;
}

/** Seeds the demo once; a second run finds it and changes nothing. Returns false if already seeded. */
export async function seedDemo(db: Kysely<DB>, today = DateTime.now().setZone('Asia/Jakarta')): Promise<boolean> {
  if (await isDemoSeeded(db)) return false;
  await db.transaction().execute(async (trx) => {
    await makeCenter(trx, {
      id: DEMO_TAS_ID,
      name: 'TAS Cempaka Harapan',
      kind: 'tas',
      city: 'Jakarta Timur',
      province: 'DKI Jakarta',
    });
    await makeCenter(trx, {
      id: DEMO_TARA_ID,
      name: "TARA C'More Balai Kota",
      kind: 'workplace',
      city: 'Kota Bandung',
      province: 'Jawa Barat',
    });
    const rooms = {
      [DEMO_TAS_ID]: [
        await makeClassroom(trx, {
          centerId: DEMO_TAS_ID,
          name: 'Bayi (Melati)',
          minAgeMonths: 3,
          maxAgeMonths: 23,
          capacity: 9,
        }),
        await makeClassroom(trx, {
          centerId: DEMO_TAS_ID,
          name: 'Batita (Anggrek)',
          minAgeMonths: 24,
          maxAgeMonths: 47,
          capacity: 16,
        }),
        await makeClassroom(trx, {
          centerId: DEMO_TAS_ID,
          name: 'Prasekolah (Kenanga)',
          minAgeMonths: 48,
          maxAgeMonths: 72,
          capacity: 20,
        }),
      ],
      [DEMO_TARA_ID]: [
        await makeClassroom(trx, {
          centerId: DEMO_TARA_ID,
          name: 'Bayi (Kupu-kupu)',
          minAgeMonths: 3,
          maxAgeMonths: 23,
          capacity: 6,
        }),
        await makeClassroom(trx, {
          centerId: DEMO_TARA_ID,
          name: 'Batita (Lebah)',
          minAgeMonths: 24,
          maxAgeMonths: 47,
          capacity: 12,
        }),
        await makeClassroom(trx, {
          centerId: DEMO_TARA_ID,
          name: 'Prasekolah (Capung)',
          minAgeMonths: 48,
          maxAgeMonths: 72,
          capacity: 15,
        }),
      ],
    };

    // Every demo account has the same password: hash it once.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const accounts: Record<string, string> = {};
    for (const a of DEMO_ACCOUNTS) {
      const memberships =
        a.role === 'parent' ? [] : a.centerIds.map((centerId) => ({ centerId, role: a.role as Role }));
      accounts[a.email] = (await makeUser(trx, { email: a.email, name: a.name, passwordHash, memberships })).id;
    }

    const random = rng(2026);
    for (let i = 0; i < 30; i++) {
      const centerId = i < 18 ? DEMO_TAS_ID : DEMO_TARA_ID;
      const family = FAMILY[i % FAMILY.length];
      const ageMonths = 4 + Math.floor(random() * 62);
      const room = rooms[centerId].find((r) => ageMonths >= r.min_age_months && ageMonths <= r.max_age_months)!;
      const child = await makeChild(trx, {
        id: `demo-child-${String(i + 1).padStart(2, '0')}`,
        centerId,
        classroomId: room.id,
        fullName: `${FIRST[i]} ${family}`,
        nickname: FIRST[i],
        sex: (['female', 'male'] as Sex[])[i % 2 === 0 ? 0 : 1],
        birthDate: today.minus({ months: ageMonths, days: Math.floor(random() * 28) }).toISODate()!,
      });
      // The demo parent has two children at the TAS; every other child has a guardian of their own.
      if (i < 2) {
        await linkGuardian(trx, { childId: child.id, userId: accounts['orangtua@demo.asuh.id'], relationship: 'ibu' });
        continue;
      }
      const guardian = await makeUser(trx, {
        id: `demo-guardian-${String(i + 1).padStart(2, '0')}`,
        email: `wali${String(i + 1).padStart(2, '0')}@demo.asuh.id`,
        name: `${GUARDIAN_FIRST[i % GUARDIAN_FIRST.length]} ${family}`,
        passwordHash,
      });
      await linkGuardian(trx, { childId: child.id, userId: guardian.id, relationship: i % 3 === 0 ? 'ayah' : 'ibu' });
    }
  });
  // The demo parent can try the kiosk at the TAS once a coordinator pairs a tablet.
  const parent = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'orangtua@demo.asuh.id')
    .executeTakeFirstOrThrow();
  await setKioskPin({ userId: parent.id, centerId: DEMO_TAS_ID, phone: DEMO_KIOSK_PHONE, pin: DEMO_KIOSK_PIN });
  await seedApplications(db, today);
  await seedMeasurements(db, today);
  await seedObservations(db, today);
  return true;
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

/**
 * A year of monthly measurements for six TAS children, drawn along chosen WHO z-score lines with
 * a little month-to-month wobble; one of them (demo-child-03) is stunted.
 */
async function seedMeasurements(db: Kysely<DB>, today: DateTime) {
  const teacher = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'guru@demo.asuh.id')
    .executeTakeFirstOrThrow();
  const profiles: Record<string, { lhfa: number; wfa: number }> = {
    'demo-child-01': { lhfa: 0.3, wfa: 0.1 },
    'demo-child-02': { lhfa: -0.8, wfa: -0.5 },
    'demo-child-03': { lhfa: -2.6, wfa: -1.9 },
    'demo-child-04': { lhfa: 1.0, wfa: 1.4 },
    'demo-child-05': { lhfa: -1.2, wfa: -1.6 },
    'demo-child-06': { lhfa: -0.2, wfa: 0.6 },
  };
  const wobble = rng(7);
  for (const [childId, z] of Object.entries(profiles)) {
    const child = await db
      .selectFrom('children')
      .select(['sex', 'birth_date'])
      .where('id', '=', childId)
      .executeTakeFirstOrThrow();
    const rows = [];
    for (let back = 11; back >= 0; back--) {
      const date = today.minus({ months: back }).toISODate()!;
      const days = ageInDays(child.birth_date, date);
      if (days < 30) continue;
      const length = valueAtZ('lhfa', child.sex, Math.min(days, 1826), z.lhfa + (wobble() - 0.5) * 0.1);
      const weight = valueAtZ('wfa', child.sex, Math.min(days, 1826), z.wfa + (wobble() - 0.5) * 0.2);
      const head = valueAtZ('hcfa', child.sex, Math.min(days, 1826), z.lhfa / 2);
      if (!length || !weight) continue;
      rows.push({
        id: newId(),
        center_id: DEMO_TAS_ID,
        child_id: childId,
        measured_on: date,
        weight_kg: Math.round(weight * 10) / 10,
        length_cm: Math.round(length * 10) / 10,
        position: days < HEIGHT_FROM_DAYS ? ('lying' as const) : ('standing' as const),
        head_cm: head ? Math.round(head * 10) / 10 : null,
        muac_cm: null,
        note: null,
        recorded_by: teacher.id,
        created_at: new Date().toISOString(),
      });
    }
    if (rows.length) await db.insertInto('measurements').values(rows).execute();
  }
}

/** Milestone observations for the same six children: most items seen, a few not yet (demo-child-03 in language). */
async function seedObservations(db: Kysely<DB>, today: DateTime) {
  const teacher = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'guru@demo.asuh.id')
    .executeTakeFirstOrThrow();
  const center = (await loadCenter(DEMO_TAS_ID))!;
  for (const childId of [
    'demo-child-01',
    'demo-child-02',
    'demo-child-03',
    'demo-child-04',
    'demo-child-05',
    'demo-child-06',
  ]) {
    const record = await developmentRecord({ center, childId });
    if (!record) continue;
    const entries = record.checklist.map((item, i) => ({
      childId,
      itemId: item.id,
      status: (childId === 'demo-child-03' && item.domain === 'language' && i % 2 === 0
        ? 'not_yet'
        : i % 7 === 6
          ? 'not_sure'
          : 'yes') as 'yes' | 'not_yet' | 'not_sure',
      note: null,
    }));
    await recordObservations({
      centerId: DEMO_TAS_ID,
      actorId: teacher.id,
      observedOn: today.minus({ days: 7 }).toISODate()!,
      entries,
    });
  }
}

export function printDemoLogins() {
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(12)} ${a.email}`);
  console.log('  parent       wali03@demo.asuh.id … wali30@demo.asuh.id (one child each)');
  console.log(
    `Kiosk: a coordinator pairs a tablet under "Mode kios"; the demo parent's phone is 0812-5555-0101, PIN ${DEMO_KIOSK_PIN}.`,
  );
}
