// Failed sign-ins are counted per account and per address. After a few, each attempt must
// wait a growing delay; after more, the key is locked for a while. Pure rules, unit-tested.
export const THROTTLE = {
  account: { free: 5, lockAt: 10 },
  address: { free: 20, lockAt: 50 },
  lockMinutes: 15,
  /** Failures older than this are forgotten. */
  windowMinutes: 15,
} as const;

export type ThrottleState = { failures: number; lastFailedAt: string; lockedUntil: string | null };
export type ThrottleVerdict = { allowed: true } | { allowed: false; locked: boolean; retryAfterSeconds: number };

export function throttleVerdict(
  state: ThrottleState | undefined,
  limits: { free: number; lockAt: number },
  now: Date,
): ThrottleVerdict {
  if (!state) return { allowed: true };
  const nowMs = now.getTime();
  if (state.lockedUntil && Date.parse(state.lockedUntil) > nowMs) {
    return { allowed: false, locked: true, retryAfterSeconds: Math.ceil((Date.parse(state.lockedUntil) - nowMs) / 1000) };
  }
  const sinceLast = nowMs - Date.parse(state.lastFailedAt);
  if (sinceLast > THROTTLE.windowMinutes * 60_000 || state.failures < limits.free) return { allowed: true };
  const waitMs = Math.min(60, 5 * 2 ** (state.failures - limits.free)) * 1000;
  if (sinceLast >= waitMs) return { allowed: true };
  return { allowed: false, locked: false, retryAfterSeconds: Math.ceil((waitMs - sinceLast) / 1000) };
}

/** The state after one more failure. */
export function afterFailure(
  state: ThrottleState | undefined,
  limits: { free: number; lockAt: number },
  now: Date,
): ThrottleState {
  const stale = !state || now.getTime() - Date.parse(state.lastFailedAt) > THROTTLE.windowMinutes * 60_000;
  const failures = stale ? 1 : state.failures + 1;
  const lockedUntil =
    failures >= limits.lockAt ? new Date(now.getTime() + THROTTLE.lockMinutes * 60_000).toISOString() : null;
  return { failures, lastFailedAt: now.toISOString(), lockedUntil };
}
