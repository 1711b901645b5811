// The one way a center's configuration is read: typed, its JSON columns parsed through their
// codecs, and loaded once per request however many loaders and helpers ask for it.
import type { Params } from '@remix-run/react';
import { getDb } from '~db/client.server';
import type { CenterKind, Role } from '~db/schema';
import type { RatioRule } from '../attendance/rules';
import { requireUser, type Viewer } from '../auth/require-user.server';
import { notFound } from '../http.server';
import { openingHoursColumn, ratioRulesColumn } from '../json-columns';
import { localDate, type OpeningHours } from '../time/time';

export type CenterConfig = {
  id: string;
  name: string;
  kind: CenterKind;
  address: string;
  province: string;
  city: string;
  timeZone: string;
  openingHours: OpeningHours;
  capacity: number;
  contactPhone: string | null;
  contactEmail: string | null;
  requireTwoFactor: boolean;
  /** A temperature at or above this, in tenths of °C, is a fever. */
  feverThresholdTenths: number;
  ratioRules: RatioRule[];
  /** Null while the defaults apply (the coordinator has not confirmed the rules). */
  ratioConfirmedAt: string | null;
  /** 'HH:MM' local: staff notices wait until the end (urgent ones do not); both null for none. */
  quietHours: { start: string | null; end: string | null };
  /** Guardians log their own breastfeeding visits (a lactation room at the center). */
  lactationRoom: boolean;
};

export async function loadCenter(centerId: string): Promise<CenterConfig | null> {
  const row = await getDb().selectFrom('centers').selectAll().where('id', '=', centerId).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    address: row.address,
    province: row.province,
    city: row.city,
    timeZone: row.time_zone,
    openingHours: openingHoursColumn.parse(row.opening_hours),
    capacity: row.capacity,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    requireTwoFactor: row.require_two_factor === 1,
    feverThresholdTenths: row.fever_threshold_tenths,
    ratioRules: ratioRulesColumn.parse(row.ratio_rules),
    ratioConfirmedAt: row.ratio_confirmed_at,
    quietHours: { start: row.quiet_hours_start, end: row.quiet_hours_end },
    lactationRoom: row.lactation_room === 1,
  };
}

const perRequest = new WeakMap<Request, Map<string, Promise<CenterConfig | null>>>();

/** The center, read once for this request (the root and route loaders share the same Request). */
export async function centerFor(request: Request, centerId: string): Promise<CenterConfig> {
  const cache = perRequest.get(request) ?? new Map<string, Promise<CenterConfig | null>>();
  perRequest.set(request, cache);
  if (!cache.has(centerId)) cache.set(centerId, loadCenter(centerId));
  const center = await cache.get(centerId)!;
  if (!center) notFound();
  return center;
}

export type CenterContext = { viewer: Viewer; center: CenterConfig; today: string };

/**
 * First line of a center page's loader or action: the signed-in staff member of the center in the
 * URL (with one of `roles`, when given) and the center's configuration. Throws like requireUser.
 */
export async function centerContext(
  request: Request,
  params: Params,
  { roles }: { roles?: Role[] } = {},
): Promise<CenterContext> {
  const viewer = await requireUser(request, { centerId: params.centerId!, roles });
  const center = await centerFor(request, viewer.centerId!);
  return { viewer, center, today: localDate(center.timeZone) };
}

/**
 * For a page about one child (`params.childId`): staff of the child's center (with one of `roles`),
 * or, where `guardians` is true, one of the child's guardians. Under /c/:centerId a child of another
 * center is a 404.
 */
export async function childContext(
  request: Request,
  params: Params,
  { roles, guardians = false }: { roles?: Role[]; guardians?: boolean } = {},
): Promise<CenterContext> {
  const viewer = await requireUser(request, {
    childId: params.childId!,
    inCenter: params.centerId,
    staffRoles: roles,
    guardians,
  });
  const center = await centerFor(request, viewer.centerId!);
  return { viewer, center, today: localDate(center.timeZone) };
}
