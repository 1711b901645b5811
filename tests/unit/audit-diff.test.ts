import { describe, expect, it } from 'vitest';
import { diffRecords } from '~/modules/audit/audit';

describe('diffRecords', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(
      diffRecords({ name: 'A', city: 'Bogor', updated_at: '1' }, { name: 'B', city: 'Bogor', updated_at: '2' }),
    ).toEqual({ name: ['A', 'B'] });
  });

  it('records a creation as every field going from nothing', () => {
    expect(diffRecords(null, { name: 'A', phone: null })).toEqual({ name: [null, 'A'] });
  });

  it('never writes secrets into the log', () => {
    const changes = diffRecords({ password_hash: 'x' }, { password_hash: 'y' });
    expect(JSON.stringify(changes)).not.toMatch(/"x"|"y"/);
    expect(changes.password_hash).toEqual(['••••', '••••']);
  });
});
