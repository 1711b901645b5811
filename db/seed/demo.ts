// The demo: one TAS in Jakarta and one workplace daycare after TARA C'More, with staff for every
// role and about 30 children with guardians. Names are made up. Deterministic: the same people
// every time (birth dates are counted back from the day of seeding, so ages stay realistic).
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { hashPassword } from '~/modules/auth/password.server';
import type { DB, Role, Sex } from '../schema';
import { linkGuardian, makeCenter, makeChild, makeClassroom, makeUser } from './factories';

export const DEMO_PASSWORD = 'asuh-demo-2026';
export const DEMO_TAS_ID = 'demo-tas-cempaka';
export const DEMO_TARA_ID = 'demo-tara-cmore';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role | 'parent'; centerIds: string[] }[] = [
  { email: 'koordinator@demo.asuh.id', name: 'Sri Wahyuni', role: 'coordinator', centerIds: [DEMO_TAS_ID, DEMO_TARA_ID] },
  { email: 'guru@demo.asuh.id', name: 'Ratna Kusumawati', role: 'teacher', centerIds: [DEMO_TAS_ID] },
  { email: 'pengasuh@demo.asuh.id', name: 'Dewi Anggraini', role: 'caregiver', centerIds: [DEMO_TAS_ID] },
  { email: 'guru.tara@demo.asuh.id', name: 'Yuliana Simanjuntak', role: 'teacher', centerIds: [DEMO_TARA_ID] },
  { email: 'pengasuh.tara@demo.asuh.id', name: 'Fitri Handayani', role: 'caregiver', centerIds: [DEMO_TARA_ID] },
  { email: 'orangtua@demo.asuh.id', name: 'Siti Rahmawati', role: 'parent', centerIds: [] },
];

const FIRST = ['Aisyah', 'Bagas', 'Citra', 'Dimas', 'Eka', 'Fajar', 'Gita', 'Hana', 'Intan', 'Joko', 'Kirana', 'Laras', 'Bima', 'Nadia', 'Oka', 'Putri', 'Rizki', 'Sekar', 'Tegar', 'Utami', 'Wulan', 'Yoga', 'Zahra', 'Arka', 'Dewa', 'Rafi', 'Nayla', 'Keisha', 'Danu', 'Melati'];
const FAMILY = ['Pratama', 'Wijaya', 'Saputra', 'Lestari', 'Nugroho', 'Hidayat', 'Kusuma', 'Siregar', 'Wibowo', 'Santoso', 'Halim', 'Manurung', 'Setiawan', 'Purnomo', 'Nasution'];
const GUARDIAN_FIRST = ['Ani', 'Budi', 'Rina', 'Agus', 'Yanti', 'Hendra', 'Wati', 'Eko', 'Lina', 'Rudi', 'Nur', 'Dedi', 'Tuti', 'Andi', 'Ida'];

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
    await makeCenter(trx, { id: DEMO_TAS_ID, name: 'TAS Cempaka Harapan', kind: 'tas', city: 'Jakarta Timur', province: 'DKI Jakarta' });
    await makeCenter(trx, { id: DEMO_TARA_ID, name: "TARA C'More Balai Kota", kind: 'workplace', city: 'Kota Bandung', province: 'Jawa Barat' });
    const rooms = {
      [DEMO_TAS_ID]: [
        await makeClassroom(trx, { centerId: DEMO_TAS_ID, name: 'Bayi (Melati)', minAgeMonths: 3, maxAgeMonths: 23, capacity: 9, childrenPerStaff: 3 }),
        await makeClassroom(trx, { centerId: DEMO_TAS_ID, name: 'Batita (Anggrek)', minAgeMonths: 24, maxAgeMonths: 47, capacity: 16, childrenPerStaff: 8 }),
        await makeClassroom(trx, { centerId: DEMO_TAS_ID, name: 'Prasekolah (Kenanga)', minAgeMonths: 48, maxAgeMonths: 72, capacity: 20, childrenPerStaff: 15 }),
      ],
      [DEMO_TARA_ID]: [
        await makeClassroom(trx, { centerId: DEMO_TARA_ID, name: 'Bayi (Kupu-kupu)', minAgeMonths: 3, maxAgeMonths: 23, capacity: 6, childrenPerStaff: 3 }),
        await makeClassroom(trx, { centerId: DEMO_TARA_ID, name: 'Batita (Lebah)', minAgeMonths: 24, maxAgeMonths: 47, capacity: 12, childrenPerStaff: 8 }),
        await makeClassroom(trx, { centerId: DEMO_TARA_ID, name: 'Prasekolah (Capung)', minAgeMonths: 48, maxAgeMonths: 72, capacity: 15, childrenPerStaff: 15 }),
      ],
    };

    // Every demo account has the same password: hash it once.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const accounts: Record<string, string> = {};
    for (const a of DEMO_ACCOUNTS) {
      const memberships = a.role === 'parent' ? [] : a.centerIds.map((centerId) => ({ centerId, role: a.role as Role }));
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
  return true;
}

export function printDemoLogins() {
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(12)} ${a.email}`);
  console.log('  parent       wali03@demo.asuh.id … wali30@demo.asuh.id (one child each)');
}
