// Activities to try at home: the suggestions for a child's "not yet" items (a pure ranking), and
// the forms the teacher's send and the family's "we tried it" share with their actions.
import { z } from 'zod';
import { msg } from '../forms/fields';

/** How many suggestions a child's page shows at most. */
export const SUGGESTIONS_MAX = 5;
export const HOME_NOTE_MAX = 300;
export const TRIED_COMMENT_MAX = 300;

const shortText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, msg('tooLong', { max }))
    .optional()
    .transform((v) => v ?? '');

export const SendHomeSchema = z.object({
  intent: z.literal('send-home'),
  activity_id: z.string({ required_error: msg('choose') }).regex(/^[\w-]{1,64}$/, msg('choose')),
  note: shortText(HOME_NOTE_MAX),
});

export const TriedSchema = z.object({
  intent: z.literal('tried'),
  home_activity_id: z.string().regex(/^[\w-]{1,64}$/, msg('choose')),
  comment: shortText(TRIED_COMMENT_MAX),
});

/**
 * Ranks the activities that support a child's open items: the most open items supported first,
 * then by title (in the reader's language) and id, so the order is the same on every database.
 * `links` are (activity, item) pairs already restricted to the open items and to suitable activities.
 */
export function rankSuggestions<A extends { id: string; title: string }>({
  activities,
  links,
  limit = SUGGESTIONS_MAX,
}: {
  activities: A[];
  links: { activityId: string; itemId: string }[];
  limit?: number;
}): (A & { itemIds: string[] })[] {
  const items = new Map<string, Set<string>>();
  for (const l of links) items.set(l.activityId, (items.get(l.activityId) ?? new Set()).add(l.itemId));
  return activities
    .filter((a) => items.has(a.id))
    .map((a) => ({ ...a, itemIds: [...items.get(a.id)!].sort() }))
    .sort(
      (a, b) =>
        b.itemIds.length - a.itemIds.length ||
        a.title.localeCompare(b.title, 'id') ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, limit);
}

/** The items whose latest answer is "not yet", from a child's answers in the order they were given. */
export function openItems(answers: { item_id: string; status: string }[]): string[] {
  const latest = new Map<string, string>();
  for (const a of answers) latest.set(a.item_id, a.status);
  return [...latest].filter(([, status]) => status === 'not_yet').map(([id]) => id);
}
