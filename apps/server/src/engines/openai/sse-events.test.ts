import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { SseEvents } from './sse-events.js';

const enc = new TextEncoder();
const chunk = (content: string) => JSON.stringify({ choices: [{ delta: { content }, finish_reason: null }] });
const contents = (events: SseEvents, ...parts: (string | Uint8Array)[]) =>
  parts.flatMap((p) => events.push(typeof p === 'string' ? enc.encode(p) : p)).map((c) => c.choices[0]?.delta?.content);

describe('SseEvents', () => {
  it('reads events split anywhere across network reads, a character split included', () => {
    const all = enc.encode(`data: ${chunk('网络')}\n\ndata: ${chunk('协议')}\n\n`);
    // Cut inside the first line, inside a three-byte character, and between the two blank-line newlines.
    const cuts = [7, all.indexOf(0xe7) + 1, all.indexOf(10) + 1, all.length];
    const parts: Uint8Array[] = [];
    let from = 0;
    for (const to of cuts) parts.push(all.subarray(from, (from = to)));
    expect(contents(new SseEvents(), ...parts)).toEqual(['网络', '协议']);
  });

  it('takes CRLF and CR line ends, comments, other fields and multi-line data as the client does', () => {
    const events = new SseEvents();
    const text = `: keep-alive\r\n\r\nevent: message\r\nid: 1\r\ndata: ${chunk('a')}\r\n\r\ndata: {"choices":\rdata: [{"delta":{"content":"b"}}]}\r\r`;
    // A `\r` at the very end may be half of a `\r\n`: that event waits for the next read.
    expect(contents(events, text)).toEqual(['a']);
    expect(contents(events, '\n')).toEqual(['b']);
  });

  it('stops at [DONE] and ignores what follows', () => {
    const events = new SseEvents();
    expect(contents(events, `data: ${chunk('x')}\n\ndata: [DONE]\n\ndata: ${chunk('y')}\n\n`)).toEqual(['x']);
    expect(events.done).toBe(true);
  });

  it('answers the chunks before a malformed one, then holds its SyntaxError', () => {
    const events = new SseEvents();
    expect(contents(events, `data: ${chunk('前')}\n\ndata: {not json\n\ndata: ${chunk('后')}\n\n`)).toEqual(['前']);
    expect(events.failure).toBeInstanceOf(SyntaxError);
    expect(contents(events, `data: ${chunk('更多')}\n\n`)).toEqual([]);
  });

  it('turns a chunk carrying an error into an APIError', () => {
    const events = new SseEvents(new Headers());
    events.push(enc.encode(`data: {"error":{"message":"overloaded","type":"server_error"}}\n\n`));
    expect(events.failure).toBeInstanceOf(APIError);
    expect((events.failure as APIError).message).toContain('overloaded');
  });
});
