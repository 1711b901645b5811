import { describe, expect, it } from 'vitest';
import { afterFailure, THROTTLE, throttleVerdict, type ThrottleState } from '~/modules/auth/throttle';

const limits = THROTTLE.account;
const t0 = new Date('2026-11-29T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function failTimes(n: number, spacingSeconds = 0) {
  let state: ThrottleState | undefined;
  for (let i = 0; i < n; i++) state = afterFailure(state, limits, at(i * spacingSeconds));
  return state!;
}

describe('sign-in throttle', () => {
  it('lets the first few failures through without delay', () => {
    expect(throttleVerdict(failTimes(limits.free - 1), limits, at(0))).toEqual({ allowed: true });
  });

  it('makes each attempt after that wait longer', () => {
    const state = failTimes(limits.free);
    expect(throttleVerdict(state, limits, at(1))).toEqual({ allowed: false, locked: false, retryAfterSeconds: 4 });
    expect(throttleVerdict(state, limits, at(5))).toEqual({ allowed: true });
    const more = afterFailure(state, limits, at(5));
    expect(throttleVerdict(more, limits, at(6))).toMatchObject({ allowed: false, retryAfterSeconds: 9 });
  });

  it('locks the key for a while after many failures', () => {
    const state = failTimes(limits.lockAt, 61);
    const verdict = throttleVerdict(state, limits, at(limits.lockAt * 61));
    expect(verdict).toMatchObject({ allowed: false, locked: true });
    const unlockAt = Date.parse(state.lockedUntil!);
    expect(throttleVerdict(state, limits, new Date(unlockAt + 1000))).toEqual({ allowed: true });
  });

  it('forgets failures older than the window', () => {
    const state = failTimes(limits.free);
    const later = at(THROTTLE.windowMinutes * 60 + 1);
    expect(throttleVerdict(state, limits, later)).toEqual({ allowed: true });
    expect(afterFailure(state, limits, later).failures).toBe(1);
  });
});
