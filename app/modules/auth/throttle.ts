// Failed attempts at a secret (password, kiosk PIN, two-step code) are counted per key. An
// account-like key (one person's account or kiosk phone) waits a growing delay after a few
// failures and is locked for a while after more. An address-like key (a network address, a kiosk
// device) only ever waits: a center's shared Wi-Fi is one address, and locking it would lock
// every account behind it. Pure rules, unit-tested.
export type ThrottleLimits = { free: number; lockAt: number | null };

export const THROTTLE = {
  account: { free: 5, lockAt: 10 },
  address: { free: 20, lockAt: null },
  lockMinutes: 15,
  maxDelaySeconds: 60,
  /** Failures older than this are forgotten. */
  windowMinutes: 15,
} as const satisfies Record<string, ThrottleLimits | number>;

export type ThrottleState = { failures: number; lastFailedAt: string; lockedUntil: string | null };
export type ThrottleVerdict = { allowed: true } | { allowed: false; locked: boolean; retryAfterSeconds: number };

export function throttleVerdict(state: ThrottleState | undefined, limits: ThrottleLimits, now: Date): ThrottleVerdict {
  if (!state) return { allowed: true };
  const nowMs = now.getTime();
  if (state.lockedUntil && Date.parse(state.lockedUntil) > nowMs) {
    return {
      allowed: false,
      locked: true,
      retryAfterSeconds: Math.ceil((Date.parse(state.lockedUntil) - nowMs) / 1000),
    };
  }
  const sinceLast = nowMs - Date.parse(state.lastFailedAt);
  if (sinceLast > THROTTLE.windowMinutes * 60_000 || state.failures < limits.free) return { allowed: true };
  const waitMs = Math.min(THROTTLE.maxDelaySeconds, 5 * 2 ** (state.failures - limits.free)) * 1000;
  if (sinceLast >= waitMs) return { allowed: true };
  return { allowed: false, locked: false, retryAfterSeconds: Math.ceil((waitMs - sinceLast) / 1000) };
}

/** The state after one more failure. */
export function afterFailure(state: ThrottleState | undefined, limits: ThrottleLimits, now: Date): ThrottleState {
  const stale = !state || now.getTime() - Date.parse(state.lastFailedAt) > THROTTLE.windowMinutes * 60_000;
  const failures = stale ? 1 : state.failures + 1;
  const lockedUntil =
    limits.lockAt !== null && failures >= limits.lockAt
      ? new Date(now.getTime() + THROTTLE.lockMinutes * 60_000).toISOString()
      : null;
  return { failures, lastFailedAt: now.toISOString(), lockedUntil };
}

/** The verdict to show when several keys refuse: the longest wait. */
export function strictest(verdicts: ThrottleVerdict[]): ThrottleVerdict {
  return verdicts.reduce<ThrottleVerdict>(
    (worst, v) => (v.allowed ? worst : worst.allowed || v.retryAfterSeconds > worst.retryAfterSeconds ? v : worst),
    { allowed: true },
  );
}
