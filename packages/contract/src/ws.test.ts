import { describe, expect, it } from 'vitest';
import { WS_CLOSE } from './wire.js';
import { clientFrameSchema, serverFrameSchema } from './ws.js';

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';

describe('WebSocket frames', () => {
  it('parses every client frame type', () => {
    for (const frame of [
      { type: 'send', content: '请问BGP协议实验ping不通怎么办?', timestamp: '2023/11/03 15:30:00' },
      { type: 'send', content: 'x', timestamp: '2023/11/03 15:30:00', clientMsgId: SID },
      { type: 'resume', after: 0 },
      { type: 'stop' },
      { type: 'ping', t: 1 },
      { type: 'ping' },
    ]) {
      expect(clientFrameSchema.safeParse(frame).success).toBe(true);
    }
  });

  it('parses every server frame type', () => {
    for (const frame of [
      { type: 'hello', sessionId: SID, lastSeq: 0, heartbeatMs: 20000 },
      { type: 'ack', seq: 1 },
      { type: 'delta', seq: 1, offset: 0, text: '先检查' },
      { type: 'reply', seq: 1, status: 'completed', data: { sessionId: SID, content: '先检查', timestamp: '2023/11/03 15:30:02' } },
      { type: 'error', seq: 1, code: 502, error: 'GENERATION_FAILED', message: 'x', retryable: false },
      { type: 'pong', t: 1 },
      { type: 'bye', reason: 'replaced', closeCode: WS_CLOSE.REPLACED },
    ]) {
      expect(serverFrameSchema.safeParse(frame).success, JSON.stringify(frame)).toBe(true);
    }
  });

  it('keeps application close codes in the 4000-4999 range', () => {
    expect(WS_CLOSE.REPLACED).toBeGreaterThanOrEqual(4000);
    expect(WS_CLOSE.SESSION_CLOSED).toBeLessThan(5000);
  });
});
