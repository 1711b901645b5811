// The criteria a center assesses itself against: a SUMMARY, in our own words, of the areas of the
// child-friendly daycare standard SNI 9255 Taman Asuh Ramah Anak (BSN with Kemen PPPA, 2024/2025),
// Kemen PPPA's earlier Pedoman Standar TARA / Daycare Ramah Anak (2021) and Permendikbud 137/2014,
// as summarised in db/reference/protection/README.md. It is not the standard's text. The list is
// data: a region or a later version of the standard changes it here (keys stay stable: saved
// assessments keep their answers by key, and a key no longer listed is ignored by the score).
import { z } from 'zod';
import type { Lang } from '~/i18n/i18n';
import { isoDate, msg } from '../forms/fields';

export const STANDARD_VERSION = 'sni-9255-summary-2026-11';

export const STANDARD_AREAS = ['facilities', 'staff', 'services', 'participation', 'referral'] as const;
export type StandardArea = (typeof STANDARD_AREAS)[number];

export type Criterion = { key: string; area: StandardArea; text: Record<Lang, string> };

export const CRITERIA: readonly Criterion[] = [
  {
    key: 'facilities_safe_space',
    area: 'facilities',
    text: {
      id: 'Ruang dalam dan luar aman, bersih, dan cukup luas (sekitar 3 m² per anak).',
      en: 'Indoor and outdoor space is safe, clean and large enough (about 3 m² per child).',
    },
  },
  {
    key: 'facilities_hygiene',
    area: 'facilities',
    text: {
      id: 'Tempat cuci tangan dan toilet bersih, sesuai ukuran anak.',
      en: 'Clean hand-washing places and toilets, sized for children.',
    },
  },
  {
    key: 'facilities_lactation',
    area: 'facilities',
    text: { id: 'Ada ruang laktasi (ASI) yang layak.', en: 'A proper lactation (breastfeeding) room.' },
  },
  {
    key: 'facilities_accessible',
    area: 'facilities',
    text: {
      id: 'Sarana ramah anak penyandang disabilitas dan berkebutuhan khusus.',
      en: 'Facilities suited to children with disabilities and special needs.',
    },
  },
  {
    key: 'staff_qualified',
    area: 'staff',
    text: {
      id: 'Pengasuh dan guru memenuhi kualifikasi dan rasio staf:anak.',
      en: 'Caregivers and teachers are qualified and the staff:child ratio is kept.',
    },
  },
  {
    key: 'staff_trained',
    area: 'staff',
    text: {
      id: 'Staf terlatih perlindungan anak, P3K, dan pengasuhan anak usia dini.',
      en: 'Staff are trained in child protection, first aid and early-childhood care.',
    },
  },
  {
    key: 'staff_checked',
    area: 'staff',
    text: {
      id: 'Setiap staf punya SKCK dan surat keterangan sehat yang masih berlaku.',
      en: 'Every staff member has a valid police clearance (SKCK) and health certificate.',
    },
  },
  {
    key: 'services_safeguarding_policy',
    area: 'services',
    text: {
      id: 'Ada kebijakan perlindungan anak (mencegah kekerasan dan perlakuan salah) yang dipahami semua staf.',
      en: 'A child-safeguarding policy (preventing violence and abuse) that every staff member knows.',
    },
  },
  {
    key: 'services_programme',
    area: 'services',
    text: {
      id: 'Program pengasuhan sesuai tahap perkembangan setiap anak.',
      en: 'A care programme that fits each child’s stage of development.',
    },
  },
  {
    key: 'services_health_nutrition',
    area: 'services',
    text: {
      id: 'Pemantauan tumbuh kembang, gizi, dan kesehatan anak secara rutin.',
      en: 'Growth, nutrition and health are monitored regularly.',
    },
  },
  {
    key: 'services_families',
    area: 'services',
    text: {
      id: 'Orang tua diberi kabar setiap hari dan dilibatkan dalam pengasuhan.',
      en: 'Parents hear about each day and take part in their child’s care.',
    },
  },
  {
    key: 'participation_voice',
    area: 'participation',
    text: {
      id: 'Anak didengar dan ikut memilih dalam kegiatan sehari-hari.',
      en: 'Children are listened to and take part in choosing daily activities.',
    },
  },
  {
    key: 'participation_play',
    area: 'participation',
    text: {
      id: 'Bermain aman dan edukatif setiap hari, di dalam dan di luar ruangan.',
      en: 'Safe, educational play every day, indoors and outdoors.',
    },
  },
  {
    key: 'referral_health',
    area: 'referral',
    text: {
      id: 'Kerja sama dengan puskesmas/posyandu untuk kesehatan dan rujukan tumbuh kembang.',
      en: 'Working links with the puskesmas/posyandu for health and development referrals.',
    },
  },
  {
    key: 'referral_protection',
    area: 'referral',
    text: {
      id: 'Kontak rujukan perlindungan anak tersedia (PUSPAGA, UPTD PPA, Dinas Sosial, SAPA 129).',
      en: 'Child-protection referral contacts are at hand (PUSPAGA, UPTD PPA, social office, SAPA 129).',
    },
  },
];

/** 2: met, 1: partly met, 0: not met. */
export const MET_LEVELS = [2, 1, 0] as const;
export type MetLevel = (typeof MET_LEVELS)[number];
export const MET_NAMES: Record<MetLevel, 'met' | 'partly' | 'notMet'> = { 2: 'met', 1: 'partly', 0: 'notMet' };

export type Answer = { met: MetLevel; note: string; documentIds: string[] };
export type Answers = Record<string, Answer>;

/** 0–100: each listed criterion met counts 2, partly 1, not met 0, out of 2 per criterion. */
export function assessmentScore(answers: Answers, criteria: readonly Criterion[] = CRITERIA): number {
  if (criteria.length === 0) return 0;
  const points = criteria.reduce((sum, c) => sum + (answers[c.key]?.met ?? 0), 0);
  return Math.round((100 * points) / (2 * criteria.length));
}

/** The answers column's codec: the one place its JSON is read. */
export const AnswersColumn = z.record(
  z.object({
    met: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    note: z.string(),
    documentIds: z.array(z.string()),
  }),
);
export const parseAnswers = (json: string): Answers => AnswersColumn.parse(JSON.parse(json));

/** One criterion's fields in the form: `met_<key>` (0/1/2), `note_<key>`, a file `evidence_<key>`. */
export const AssessmentSchema = (today: string) =>
  z
    .object({
      assessed_on: isoDate.refine((v) => v <= today, msg('dateInFuture')),
      ...Object.fromEntries(
        CRITERIA.flatMap((c) => [
          [`met_${c.key}`, z.enum(['0', '1', '2'], { errorMap: () => ({ message: msg('choose') }) })],
          [
            `note_${c.key}`,
            z
              .string()
              .trim()
              .max(1000, msg('tooLong', { max: 1000 }))
              .optional(),
          ],
        ]),
      ),
    })
    .transform((v) => {
      const values = v as Record<string, string | undefined>;
      const answers: Answers = {};
      for (const c of CRITERIA)
        answers[c.key] = {
          met: Number(values[`met_${c.key}`]) as MetLevel,
          note: values[`note_${c.key}`] ?? '',
          documentIds: [],
        };
      return { assessedOn: v.assessed_on, answers };
    });
