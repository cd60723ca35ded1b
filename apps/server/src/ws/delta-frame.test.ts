import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../ports/bus.js';
import { deltaFrameJson } from './delta-frame.js';

type DeltaEvent = Extract<ChatEvent, { type: 'delta' }>;
const event = (offset: number, text: string): DeltaEvent => ({ type: 'delta', sessionId: 's', seq: 3, offset, text });

describe('deltaFrameJson', () => {
  it('is the frame object serialised, from the socket’s position on', () => {
    for (const text of ['网络协议', 'a "quoted" \\ line\nnext\ttab', '\u2028\u2029 emoji 😀 \u0001']) {
      const e = event(10, text);
      for (const have of [10, 11, 12]) {
        const json = deltaFrameJson(e, have);
        expect(json).toBe(JSON.stringify({ type: 'delta', seq: 3, offset: have, text: text.slice(have - 10) }));
        expect(JSON.parse(json)).toEqual({ type: 'delta', seq: 3, offset: have, text: text.slice(have - 10) });
      }
    }
  });

  it('serialises each event for each position once, and never answers another event’s frame', () => {
    const a = event(0, 'abc');
    const b = event(0, 'abc');
    const first = deltaFrameJson(a, 0);
    expect(deltaFrameJson(a, 0)).toBe(first);
    expect(deltaFrameJson(a, 1)).toBe('{"type":"delta","seq":3,"offset":1,"text":"bc"}');
    expect(deltaFrameJson(b, 1)).toBe('{"type":"delta","seq":3,"offset":1,"text":"bc"}');
    expect(deltaFrameJson({ ...b, seq: 4 }, 1)).toBe('{"type":"delta","seq":4,"offset":1,"text":"bc"}');
  });
});
