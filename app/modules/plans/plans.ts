// Weekly plans: the rules that need no database (which weeks may be planned, a room's default
// time blocks, the blocks form, coverage), shared by the actions, the pages and the unit tests.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { msg } from '../forms/fields';
import { WEEKDAYS, type OpeningHours, type Weekday } from '../time/time';

/** A plan may be written for a week this many weeks back (a late record) … */
export const PAST_WEEKS = 8;
/** … or this many ahead (a term's plans, roughly). Further is almost always a mistyped date. */
export const AHEAD_WEEKS = 12;
/** How many blocks a room's day has at most, and how long a block's name and a cell's note may be. */
export const MAX_BLOCKS = 16;
export const BLOCK_NAME_MAX = 40;
export const NOTE_MAX = 200;
export const THEME_MAX = 120;

/** The Monday of the week a local date falls in. */
export const weekStartOf = (date: string) => DateTime.fromISO(date).startOf('week').toISODate()!;

export const addWeeks = (weekStart: string, weeks: number) => DateTime.fromISO(weekStart).plus({ weeks }).toISODate()!;

export type WeekProblem = 'invalidWeek' | 'weekTooFarPast' | 'weekTooFarAhead';

/** Whether a plan may be written for the week starting `weekStart`, seen from `today` (local dates). */
export function weekProblem(weekStart: string, today: string): WeekProblem | null {
  const start = DateTime.fromISO(weekStart);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(weekStart) || !start.isValid || start.weekday !== 1) return 'invalidWeek';
  const weeks = Math.round(start.diff(DateTime.fromISO(weekStartOf(today)), 'weeks').weeks);
  if (weeks < -PAST_WEEKS) return 'weekTooFarPast';
  if (weeks > AHEAD_WEEKS) return 'weekTooFarAhead';
  return null;
}

/** The days of a plan: the center's open weekdays (Monday to Friday when it has none set). */
export function planDays(hours: OpeningHours): Weekday[] {
  const open = WEEKDAYS.filter((d) => hours[d]);
  return open.length ? open : ['mon', 'tue', 'wed', 'thu', 'fri'];
}

/** The local date of a weekday in the week starting `weekStart`. */
export const dateOf = (weekStart: string, day: Weekday) =>
  DateTime.fromISO(weekStart)
    .plus({ days: WEEKDAYS.indexOf(day) })
    .toISODate()!;

export const DEFAULT_BLOCKS = {
  // Babies and toddlers: the day follows their feeds and sleep, with short play between.
  young: ['arrival', 'freePlay', 'snack', 'coreActivity', 'outdoorPlay', 'lunch', 'nap', 'goingHome'],
  // Preschoolers: the day opens in a circle, and the core activity comes while they are fresh.
  older: ['arrival', 'circleTime', 'coreActivity', 'snack', 'outdoorPlay', 'lunch', 'nap', 'goingHome'],
} as const;
export type DefaultBlock = (typeof DEFAULT_BLOCKS)[keyof typeof DEFAULT_BLOCKS][number];

/** The default blocks for a room's ages (catalog keys plans.blocks.<key>): a room for under-twos, or older. */
export const defaultBlocksFor = (room: { max_age_months: number }): readonly DefaultBlock[] =>
  room.max_age_months <= 24 ? DEFAULT_BLOCKS.young : DEFAULT_BLOCKS.older;

/** The catalog key of a default block's name. */
export const defaultBlockLabel = (key: DefaultBlock) => `plans.blocks.${key}`;

/** How block names are compared: "Snack" and " snack" are the same block. */
export const blockKey = (name: string) => name.trim().toLocaleLowerCase('id');

/**
 * The blocks form: rows of `blockId` ('' for a new one), `name` (empty: remove it) and `position`
 * (the order; ties keep the rows' order). Returns the blocks in their new order, or field errors
 * (`name.<row>`) when two names are the same or a name is too long.
 */
export function parseBlocks(
  rows: { blockId: string; name: string; position: string }[],
): { ok: true; blocks: { id: string | null; name: string }[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  const kept: { id: string | null; name: string; position: number; row: number }[] = [];
  rows.forEach((r, row) => {
    const name = r.name.trim().replace(/\s+/g, ' ');
    if (!name) return;
    if (name.length > BLOCK_NAME_MAX) errors[`name.${row}`] = msg('tooLong', { max: BLOCK_NAME_MAX });
    else if (seen.has(blockKey(name))) errors[`name.${row}`] = msg('duplicateBlock', { name });
    seen.add(blockKey(name));
    const position = Number(r.position);
    kept.push({ id: r.blockId || null, name, position: Number.isFinite(position) ? position : row + 1, row });
  });
  if (kept.length === 0) errors.form = msg('noBlocks');
  if (kept.length > MAX_BLOCKS) errors.form = msg('tooManyBlocks', { max: MAX_BLOCKS });
  if (Object.keys(errors).length) return { ok: false, errors };
  kept.sort((a, b) => a.position - b.position || a.row - b.row);
  return { ok: true, blocks: kept.map(({ id, name }) => ({ id, name })) };
}

export const ThemeSchema = z
  .string()
  .trim()
  .max(THEME_MAX, msg('tooLong', { max: THEME_MAX }));
/** How long one entry of the children's own words may be: a sentence or two, as said. */
export const WORDS_MAX = 300;
export const WordsSchema = z
  .string()
  .trim()
  .min(1, msg('required'))
  .max(WORDS_MAX, msg('tooLong', { max: WORDS_MAX }));
export const NoteSchema = z
  .string()
  .trim()
  .max(NOTE_MAX, msg('tooLong', { max: NOTE_MAX }));

/** The form field names of one cell of the grid. */
export const cellField = (kind: 'activity' | 'note' | 'choice', day: Weekday, blockKey: string) =>
  `${kind}:${day}:${blockKey}`;

export type Coverage<Child> = {
  elements: Record<string, number>;
  domains: Record<string, number>;
  /** Children of the room with "not yet" items that no planned activity supports, and those items. */
  unsupported: { child: Child; itemIds: string[] }[];
};

/**
 * What a week's activities cover: how many planned activities touch each learning element and
 * each development domain (through the milestone items they support), and, for each child, the
 * items whose latest answer is "not yet" and that no planned activity supports.
 */
export function coverage<Child extends { id: string }>({
  activities,
  elements,
  domains,
  notYet,
  children,
}: {
  /** The planned activities (each once), with their element codes and supported items. */
  activities: { elements: string[]; items: { id: string; domain: string }[] }[];
  elements: readonly string[];
  domains: readonly string[];
  /** Child id → the items whose latest answer is "not yet". */
  notYet: Map<string, string[]>;
  children: Child[];
}): Coverage<Child> {
  const count = (keys: readonly string[], has: (a: (typeof activities)[number], k: string) => boolean) =>
    Object.fromEntries(keys.map((k) => [k, activities.filter((a) => has(a, k)).length]));
  const supported = new Set(activities.flatMap((a) => a.items.map((i) => i.id)));
  return {
    elements: count(elements, (a, k) => a.elements.includes(k)),
    domains: count(domains, (a, k) => a.items.some((i) => i.domain === k)),
    unsupported: children
      .map((child) => ({ child, itemIds: (notYet.get(child.id) ?? []).filter((i) => !supported.has(i)) }))
      .filter((c) => c.itemIds.length > 0),
  };
}
