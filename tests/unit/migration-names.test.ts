import { describe, expect, it } from 'vitest';
import { migrations } from '~db/migrations/index';
import { MIGRATION_NAMES } from '~db/migrations/names';

describe('the list of migration names the server checks against', () => {
  it('is exactly the migrations, in order', () => {
    expect(MIGRATION_NAMES).toEqual(Object.keys(migrations));
  });
});
