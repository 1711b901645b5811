import { describe, expect, it } from 'vitest';
import { openItems, rankSuggestions } from '~/modules/home-activities/home-activities';

describe('open items', () => {
  it('are those whose latest answer is not yet', () => {
    expect(
      openItems([
        { item_id: 'a', status: 'not_yet' },
        { item_id: 'b', status: 'not_yet' },
        { item_id: 'a', status: 'yes' },
        { item_id: 'c', status: 'not_sure' },
        { item_id: 'd', status: 'yes' },
        { item_id: 'd', status: 'not_yet' },
      ]),
    ).toEqual(['b', 'd']);
  });
});

describe('ranking suggestions', () => {
  const activities = [
    { id: 'x3', title: 'Cuci tangan' },
    { id: 'x1', title: 'Menuang air' },
    { id: 'x2', title: 'Bermain pasir' },
    { id: 'x4', title: 'Tanpa kaitan' },
    { id: 'x0', title: 'Cuci tangan' },
  ];
  const links = [
    { activityId: 'x1', itemId: 'i1' },
    { activityId: 'x1', itemId: 'i2' },
    { activityId: 'x1', itemId: 'i2' },
    { activityId: 'x3', itemId: 'i2' },
    { activityId: 'x0', itemId: 'i1' },
    { activityId: 'x2', itemId: 'i1' },
  ];
  it('puts the most open items first, then by title and id; an activity without any is left out', () => {
    expect(rankSuggestions({ activities, links }).map((a) => [a.id, a.itemIds])).toEqual([
      ['x1', ['i1', 'i2']],
      ['x2', ['i1']],
      ['x0', ['i1']],
      ['x3', ['i2']],
    ]);
    expect(rankSuggestions({ activities, links, limit: 2 }).map((a) => a.id)).toEqual(['x1', 'x2']);
  });
});
