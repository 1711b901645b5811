import { describe, expect, it } from 'vitest';
import { withWaitingTaps, type DoorStatus } from '~/modules/attendance/door';
import { TAP_MAX_AGE_HOURS, tapInstant } from '~/modules/attendance/taps.server';

describe('the time a door tap is recorded at', () => {
  const now = new Date('2026-11-30T02:00:00Z');
  it('is the device’s clock, never later than the server’s now', () => {
    expect(tapInstant('2026-11-30T01:15:00Z', now)?.toISOString()).toBe('2026-11-30T01:15:00.000Z');
    expect(tapInstant('2026-11-30T03:00:00Z', now)).toEqual(now);
    expect(tapInstant(null, now)).toEqual(now);
  });
  it('is refused when the tap waited too long on the device, or is not a time', () => {
    const limit = new Date(now.getTime() - TAP_MAX_AGE_HOURS * 3_600_000);
    expect(tapInstant(limit.toISOString(), now)).toEqual(limit);
    expect(tapInstant(new Date(limit.getTime() - 1000).toISOString(), now)).toBeNull();
    expect(tapInstant('kemarin', now)).toBeNull();
  });
});

describe('the board with the taps that wait on the device', () => {
  const child = (id: string, status: DoorStatus) => ({ id, status, name: id });
  const tap = (childId: string, intent: string, tappedAt: string) => ({ fields: { childId, intent }, tappedAt });
  it('shows each child as its last waiting tap left them, and which taps wait', () => {
    const board = [child('a', 'expected'), child('b', 'present'), child('c', 'expected'), child('d', 'expected')];
    const shown = withWaitingTaps(board, [
      tap('a', 'check-in', '2026-11-30T00:10:00Z'),
      tap('a', 'check-out', '2026-11-30T00:20:00Z'),
      tap('b', 'check-out', '2026-11-30T00:15:00Z'),
      tap('c', 'absent', '2026-11-30T00:16:00Z'),
      tap('d', 'refuse-pickup', '2026-11-30T00:17:00Z'),
    ]);
    expect(shown.map((c) => [c.id, c.status, c.waiting?.at ?? null])).toEqual([
      ['a', 'checked_out', '2026-11-30T00:20:00Z'],
      ['b', 'checked_out', '2026-11-30T00:15:00Z'],
      ['c', 'absent', '2026-11-30T00:16:00Z'],
      ['d', 'expected', null],
    ]);
    expect(withWaitingTaps(board, [])).toEqual(board.map((c) => ({ ...c, waiting: null })));
  });
});
