import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { Sex } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import type { CenterConfig } from '../centers/context.server';
import { ageInMonths, localDate } from '../time/time';
import type { Lang } from '~/i18n/i18n';
import { enrolledInClassroom } from '../children/children.server';
import { measurementFormSchema, measurementQuestion } from './growth';
import type { MeasurementInput } from './measurement';
import {
  ageInDays,
  classify,
  computeZScores,
  HEIGHT_FROM_DAYS,
  valueAtZ,
  type Classification,
} from './who-standards.server';

type Row = {
  measured_on: string;
  weight_kg: number | null;
  length_cm: number | null;
  position: 'lying' | 'standing' | null;
  head_cm: number | null;
  muac_cm: number | null;
};

function scored(child: { sex: Sex; birth_date: string }, m: Row) {
  const z = computeZScores({
    sex: child.sex,
    birthDate: child.birth_date,
    measuredOn: m.measured_on,
    weightKg: m.weight_kg,
    lengthCm: m.length_cm,
    position: m.position,
    headCm: m.head_cm,
    muacCm: m.muac_cm,
  });
  return { ...z, classes: classify(z) };
}

export type BigChange = { measure: 'weight' | 'length'; value: number; previous: number; previousOn: string };

/**
 * A new measurement differs "wildly" from the previous one when weight changes by more than 25%
 * plus 5% for each month between the two, or length shrinks by more than 1.5 cm or grows by
 * more than 3 cm plus 3 cm a month: most often a typing or unit mistake, so the teacher is asked to
 * confirm. Returns the measure that differs, with both values, so the question can name them.
 */
export function bigChange(
  previous: Row | undefined,
  next: Pick<Row, 'measured_on' | 'weight_kg' | 'length_cm'>,
): BigChange | null {
  if (!previous) return null;
  const months = Math.max(
    0,
    (Date.parse(next.measured_on) - Date.parse(previous.measured_on)) / (30.4375 * 86_400_000),
  );
  if (
    previous.weight_kg &&
    next.weight_kg &&
    Math.abs(next.weight_kg - previous.weight_kg) / previous.weight_kg > 0.25 + 0.05 * months
  )
    return { measure: 'weight', value: next.weight_kg, previous: previous.weight_kg, previousOn: previous.measured_on };
  if (previous.length_cm && next.length_cm) {
    const growth = next.length_cm - previous.length_cm;
    if (growth < -1.5 || growth > 3 + 3 * months)
      return {
        measure: 'length',
        value: next.length_cm,
        previous: previous.length_cm,
        previousOn: previous.measured_on,
      };
  }
  return null;
}

export const RECORD_MEASUREMENT_ERRORS = [
  'notFound',
  'beforeBirth',
  'confirmImplausible',
  'confirmChange',
  'sameDay',
] as const;
export type RecordResult =
  | { ok: true; replaced: boolean }
  | { ok: false; error: (typeof RECORD_MEASUREMENT_ERRORS)[number]; flags?: string[]; change?: BigChange };

/**
 * Records a measurement, or asks first: an implausible value or a wild change from the previous day's
 * measurement needs `confirmed`; a second measurement on a day that already has one needs `replace`,
 * and then changes that one (one measurement per child and day, as a Posyandu card keeps it).
 */
export async function recordMeasurement({
  centerId,
  childId,
  actorId,
  input,
  confirmed,
  replace = false,
}: {
  centerId: string;
  childId: string;
  actorId: string;
  input: Omit<MeasurementInput, 'sex' | 'birth_date'> & { note: string | null };
  confirmed: boolean;
  replace?: boolean;
}): Promise<RecordResult> {
  const db = getDb();
  const child = await db
    .selectFrom('children')
    .select(['id', 'sex', 'birth_date'])
    .where('id', '=', childId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!child) return { ok: false, error: 'notFound' };
  if (input.measured_on < child.birth_date) return { ok: false, error: 'beforeBirth' };
  const row: Row = {
    measured_on: input.measured_on,
    weight_kg: input.weight_kg,
    length_cm: input.length_cm,
    position: input.position,
    head_cm: input.head_cm,
    muac_cm: input.muac_cm,
  };
  const z = scored(child, row);
  if (!confirmed && z.flags.length) return { ok: false, error: 'confirmImplausible', flags: z.flags };
  const previous = await db
    .selectFrom('measurements')
    .select(['measured_on', 'weight_kg', 'length_cm', 'position', 'head_cm', 'muac_cm'])
    .where('center_id', '=', centerId)
    .where('child_id', '=', childId)
    .where('measured_on', '<', input.measured_on)
    .orderBy('measured_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  const change = bigChange(previous, row);
  if (!confirmed && change) return { ok: false, error: 'confirmChange', change };
  return db.transaction().execute(async (trx): Promise<RecordResult> => {
    // Inside the transaction, so that a replacement changes the row it was asked about.
    const sameDay = await trx
      .selectFrom('measurements')
      .select(['id', 'weight_kg', 'length_cm', 'position', 'head_cm', 'muac_cm', 'note'])
      .where('center_id', '=', centerId)
      .where('child_id', '=', childId)
      .where('measured_on', '=', input.measured_on)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (sameDay && !replace) return { ok: false, error: 'sameDay' };
    if (sameDay) {
      const { id, ...before } = sameDay;
      const after = { ...row, note: input.note, recorded_by: actorId };
      await trx.updateTable('measurements').set(after).where('id', '=', id).execute();
      await recordChange(trx, { actorId, centerId, childId, entity: 'measurement', entityId: id, before, after });
      return { ok: true, replaced: true };
    }
    const m = {
      id: newId(),
      center_id: centerId,
      child_id: childId,
      ...row,
      note: input.note,
      recorded_by: actorId,
      created_at: nowIso(),
    };
    await trx.insertInto('measurements').values(m).execute();
    await recordChange(trx, { actorId, centerId, childId, entity: 'measurement', entityId: m.id, after: m });
    return { ok: true, replaced: false };
  });
}

/** A child's measurements, oldest first, each with its z-scores and classification. */
export async function growthHistory({ centerId, childId }: { centerId: string; childId: string }) {
  const db = getDb();
  const child = await db
    .selectFrom('children')
    .select(['id', 'full_name', 'nickname', 'sex', 'birth_date'])
    .where('id', '=', childId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!child) return null;
  const rows = await db
    .selectFrom('measurements')
    .select(['id', 'measured_on', 'weight_kg', 'length_cm', 'position', 'head_cm', 'muac_cm', 'note'])
    .where('center_id', '=', centerId)
    .where('child_id', '=', childId)
    .orderBy('measured_on')
    .orderBy('created_at')
    .execute();
  return {
    child,
    measurements: rows.map((m) => ({
      ...m,
      ageMonths: ageInMonths(child.birth_date, m.measured_on),
      z: scored(child, m),
    })),
  };
}

export type Curve = { z: number; points: [number, number][] };

/** The WHO curves (−3 to +3 SD) for a chart, by month of age, from birth to half a year or so past `untilMonths` (24 to 60). */
export function whoCurves(sex: Sex, indicator: 'wfa' | 'lhfa', untilMonths: number): Curve[] {
  const months = Array.from(
    { length: Math.min(60, Math.max(24, Math.ceil(untilMonths / 6) * 6 + 6)) + 1 },
    (_, i) => i,
  );
  return [-3, -2, -1, 0, 1, 2, 3].map((z) => ({
    z,
    points: months.flatMap((mo) => {
      const day = Math.min(1826, Math.round(mo * 30.4375));
      const v = valueAtZ(indicator, sex, day, z);
      return v === null ? [] : [[mo, Math.round(v * 100) / 100] as [number, number]];
    }),
  }));
}

export function chartData(
  child: { sex: Sex; birth_date: string },
  measurements: {
    measured_on: string;
    weight_kg: number | null;
    length_cm: number | null;
    position: 'lying' | 'standing' | null;
  }[],
) {
  const ageMonths = (d: string) => ageInDays(child.birth_date, d) / 30.4375;
  const last = measurements.length ? ageMonths(measurements[measurements.length - 1].measured_on) : 12;
  return {
    weight: {
      curves: whoCurves(child.sex, 'wfa', last),
      points: measurements
        .filter((m) => m.weight_kg)
        .map((m) => [ageMonths(m.measured_on), m.weight_kg!] as [number, number]),
    },
    // Points are drawn as the tables read them (lying under 24 months, standing after).
    length: {
      curves: whoCurves(child.sex, 'lhfa', last),
      points: measurements
        .filter((m) => m.length_cm && m.position)
        .map((m) => {
          const days = ageInDays(child.birth_date, m.measured_on);
          const adj =
            days < HEIGHT_FROM_DAYS ? (m.position === 'standing' ? 0.7 : 0) : m.position === 'lying' ? -0.7 : 0;
          return [days / 30.4375, Math.round((m.length_cm! + adj) * 10) / 10] as [number, number];
        }),
    },
  };
}

/**
 * The figures a TAS reports upward, for the center and per classroom: share of enrolled children measured this month,
 * and among them stunting, wasting and underweight (on each child's latest measurement this month).
 * Children not measured in the last 30 days are listed as reminders.
 */
export async function growthSummary({ center, now = new Date() }: { center: CenterConfig; now?: Date }) {
  const db = getDb();
  const centerId = center.id;
  const today = localDate(center.timeZone, now);
  const monthStart = `${today.slice(0, 7)}-01`;
  const since = DateTime.fromISO(today).minus({ days: 30 }).toISODate()!;
  const [classrooms, children, measurements] = await Promise.all([
    db
      .selectFrom('classrooms')
      .select(['id', 'name'])
      .where('center_id', '=', centerId)
      .orderBy('min_age_months')
      .execute(),
    db
      .selectFrom('children')
      .select(['id', 'full_name', 'sex', 'birth_date', 'classroom_id'])
      .where('center_id', '=', centerId)
      .where('status', '=', 'enrolled')
      .execute(),
    db
      .selectFrom('measurements')
      .select(['child_id', 'measured_on', 'weight_kg', 'length_cm', 'position', 'head_cm', 'muac_cm'])
      .where('center_id', '=', centerId)
      .where('measured_on', '>=', since < monthStart ? since : monthStart)
      .orderBy('measured_on')
      .execute(),
  ]);
  const latestThisMonth = new Map<string, Row>();
  const measuredRecently = new Set<string>();
  for (const m of measurements) {
    if (m.measured_on >= monthStart) latestThisMonth.set(m.child_id, m);
    if (m.measured_on >= since) measuredRecently.add(m.child_id);
  }
  const summarize = (group: typeof children) => {
    const counts: Record<'stunted' | 'wasted' | 'underweight', number> = { stunted: 0, wasted: 0, underweight: 0 };
    let measured = 0;
    for (const c of group) {
      const m = latestThisMonth.get(c.id);
      if (!m) continue;
      measured++;
      const classes: Classification[] = scored(c, m).classes;
      if (classes.some((k) => k.endsWith('stunted'))) counts.stunted++;
      if (classes.some((k) => k.endsWith('wasted'))) counts.wasted++;
      if (classes.some((k) => k.endsWith('underweight'))) counts.underweight++;
    }
    const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
    const among = (n: number) => ({ n, pct: pct(n, measured) });
    return {
      enrolled: group.length,
      measured,
      measuredPct: pct(measured, group.length),
      stunted: among(counts.stunted),
      wasted: among(counts.wasted),
      underweight: among(counts.underweight),
    };
  };
  return {
    month: today.slice(0, 7),
    center: summarize(children),
    classrooms: classrooms.map((r) => ({ ...r, ...summarize(children.filter((c) => c.classroom_id === r.id)) })),
    reminders: children
      .filter((c) => !measuredRecently.has(c.id))
      .map((c) => ({ id: c.id, name: c.full_name, classroomId: c.classroom_id })),
  };
}

const WEIGHING_FIELDS = ['weight_kg', 'length_cm', 'position', 'head_cm', 'confirmed', 'replace'] as const;

/** Weighing day: a classroom's enrolled children, each with their latest measurement, for one table. */
export async function weighingRoom({ centerId, classroomId }: { centerId: string; classroomId: string }) {
  const db = getDb();
  const classroom = await db
    .selectFrom('classrooms')
    .select(['id', 'name'])
    .where('id', '=', classroomId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!classroom) return null;
  const children = await enrolledInClassroom(db, { centerId, classroomId })
    .select(['id', 'full_name', 'nickname', 'sex', 'birth_date'])
    .execute();
  const measurements = children.length
    ? await db
        .selectFrom('measurements')
        .select(['child_id', 'measured_on', 'weight_kg', 'length_cm', 'head_cm'])
        .where('center_id', '=', centerId)
        .where(
          'child_id',
          'in',
          children.map((c) => c.id),
        )
        .orderBy('measured_on')
        .orderBy('created_at')
        .execute()
    : [];
  const latest = new Map(measurements.map((m) => [m.child_id, m]));
  return {
    classroom,
    children: children.map((c) => {
      const m = latest.get(c.id);
      return {
        ...c,
        latest: m
          ? { measured_on: m.measured_on, weight_kg: m.weight_kg, length_cm: m.length_cm, head_cm: m.head_cm }
          : null,
      };
    }),
  };
}

export type WeighingResult = { saved: string[]; replaced: string[]; errors: Record<string, string> };

/**
 * A weighing-day table as posted: per child `weight_kg:<child>`, `length_cm:<child>`, `position:<child>`,
 * `head_cm:<child>`, and the answers `confirmed:<child>` / `replace:<child>` to a row's question. Each row
 * passes the same checks as a single measurement and is saved on its own: a bad value in one row does not
 * hold back the others (the teacher fixes that row and sends again). Rows left empty are skipped. Errors
 * come back as `<field>:<child>`. Null when a row names a child who is not in the classroom.
 */
export async function recordWeighingDay({
  centerId,
  classroomId,
  actorId,
  measuredOn,
  formData,
  lng,
}: {
  centerId: string;
  classroomId: string;
  actorId: string;
  measuredOn: string;
  formData: FormData;
  lng: Lang;
}): Promise<WeighingResult | null> {
  const room = await weighingRoom({ centerId, classroomId });
  if (!room) return null;
  const inRoom = new Map(room.children.map((c) => [c.id, c]));
  for (const key of formData.keys()) {
    const [field, childId] = key.split(':');
    if (childId !== undefined && (WEIGHING_FIELDS as readonly string[]).includes(field) && !inRoom.has(childId))
      return null;
  }
  const result: WeighingResult = { saved: [], replaced: [], errors: {} };
  for (const child of room.children) {
    const value = (field: string) => {
      const v = formData.get(`${field}:${child.id}`);
      return typeof v === 'string' ? v.trim() : '';
    };
    if (!value('weight_kg') && !value('length_cm') && !value('head_cm')) continue;
    const parsed = measurementFormSchema(child).safeParse({
      measured_on: measuredOn,
      weight_kg: value('weight_kg'),
      length_cm: value('length_cm'),
      position: value('position'),
      head_cm: value('head_cm'),
      confirmed: value('confirmed'),
      replace: value('replace'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        result.errors[`${issue.path[0] ?? 'weight_kg'}:${child.id}`] ??= issue.message;
      continue;
    }
    const { confirmed, replace, ...input } = parsed.data;
    const recorded = await recordMeasurement({ centerId, childId: child.id, actorId, input, confirmed, replace });
    if (recorded.ok) {
      result.saved.push(child.id);
      if (recorded.replaced) result.replaced.push(child.id);
    } else if (recorded.error !== 'notFound') {
      for (const [field, message] of Object.entries(measurementQuestion({ ...recorded, error: recorded.error }, lng)))
        result.errors[`${field}:${child.id}`] = message;
    }
  }
  return result;
}
