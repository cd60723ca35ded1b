import { describe, expect, it } from 'vitest';
import { toReply } from './reply-mapper.js';

const data = { sessionId: '80d5a793-0000-4000-8000-000000000001', content: '食堂每天早上 6:30 开门。', timestamp: '2026/12/08 10:00:00' };

describe('a finished reply as the app sees it', () => {
  it("passes on that a teacher wrote it, from receive's data or a WebSocket reply frame", () => {
    expect(toReply(2, data, 'completed', [{ title: '食堂几点开门' }], undefined, 'teacher')).toEqual({ seq: 2, ...data, status: 'completed', sources: [{ title: '食堂几点开门' }], from: 'teacher' });
  });

  it("leaves it out for the assistant's replies, and reads a reply without a status as completed", () => {
    const reply = toReply(1, data, undefined, undefined, ['下一步呢'], undefined);
    expect(reply).toEqual({ seq: 1, ...data, status: 'completed', suggestions: ['下一步呢'] });
    expect(reply).not.toHaveProperty('from');
  });
});
