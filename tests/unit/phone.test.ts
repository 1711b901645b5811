import { describe, expect, it } from 'vitest';
import { normalizeIndonesianPhone } from '~/modules/users/phone';

describe('normalizeIndonesianPhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 789', '+628123456789'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(021) 555-1234', '+62215551234'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeIndonesianPhone(input)).toBe(expected);
  });

  it.each(['', 'abc', '0812-ABCD-7890', '+1 415 555 0100', '0812', '08123456789012345', '00812345678'])(
    'refuses %j',
    (input) => {
      expect(normalizeIndonesianPhone(input)).toBeNull();
    },
  );
});
