import { describe, expect, it } from 'vitest';
import {
  childChangeTopics,
  childTopic,
  conversationTopics,
  familiesRoomTopic,
  familiesTopic,
  inboxTopic,
} from '~/modules/live/topics';

describe('live topics', () => {
  it('a change about a child goes to the family and to the staff of the room, or of the center without one', () => {
    expect(childChangeTopics({ childId: 'k1', classroomId: 'r1', centerId: 'c1' })).toEqual(['child:k1', 'room:r1']);
    expect(childChangeTopics({ childId: 'k1', classroomId: null, centerId: 'c1' })).toEqual(['child:k1', 'center:c1']);
  });

  it('a conversation goes to the family (the child) and the center’s inbox; families’ news has topics of its own', () => {
    expect(conversationTopics({ childId: 'k1', centerId: 'c1' })).toEqual([childTopic('k1'), inboxTopic('c1')]);
    // Never the staff topics: a family stream must not carry other children's events.
    expect(familiesTopic('c1')).not.toBe('center:c1');
    expect(familiesRoomTopic('r1')).not.toBe('room:r1');
  });
});
