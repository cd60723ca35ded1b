import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SseEvents } from './sse-events.js';
import { SseNodeReader } from './sse-node-reader.js';

const event = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
const texts = (r: SseNodeReader) => r.take().map((c) => c.choices[0]?.delta?.content);

describe('SseNodeReader', () => {
  it('hands over the chunks as they are parsed, waiting for more, until the stream ends', async () => {
    const body = new PassThrough({ encoding: 'utf8' });
    const r = new SseNodeReader(body, new SseEvents());
    expect(texts(r)).toEqual([]);
    const waiting = r.wait();
    const e = event('网络');
    body.write(e.slice(0, 9));
    body.write(e.slice(9) + event('协议'));
    await waiting;
    expect(texts(r)).toEqual(['网络', '协议']);
    body.end('data: [DONE]\n\n');
    await r.wait();
    expect(texts(r)).toEqual([]);
    expect(r.ended).toBe(true);
    expect(r.error).toBeUndefined();
    r.stop();
    expect(body.destroyed).toBe(true); // PassThrough auto-destroys once done; nothing left to read
  });

  it('pauses a stream read faster than it is taken, and resumes it when taken', async () => {
    const body = new PassThrough({ encoding: 'utf8' });
    const r = new SseNodeReader(body, new SseEvents());
    for (let i = 0; i < 100; i++) body.write(event(String(i)));
    await new Promise((done) => setImmediate(done));
    expect(body.isPaused()).toBe(true);
    const first = texts(r);
    expect(first.length).toBeGreaterThanOrEqual(64);
    expect(body.isPaused()).toBe(false);
    await new Promise((done) => setImmediate(done));
    expect([...first, ...texts(r)]).toEqual([...Array(100).keys()].map(String));
  });

  it('reports a stream that fails before its end, and destroys one left unread', async () => {
    const failing = new PassThrough({ encoding: 'utf8' });
    const a = new SseNodeReader(failing, new SseEvents());
    failing.write(event('a'));
    failing.destroy(new Error('socket hang up'));
    await a.wait();
    await new Promise((done) => setImmediate(done));
    expect(texts(a)).toEqual(['a']);
    expect(a.ended).toBe(true);
    expect((a.error as Error).message).toBe('socket hang up');

    const left = new PassThrough({ encoding: 'utf8' });
    const b = new SseNodeReader(left, new SseEvents());
    left.write(event('b'));
    b.stop();
    expect(left.destroyed).toBe(true);
  });

  it('wakes a waiting reader when a chunk fails to parse, after the good ones', async () => {
    const body = new PassThrough({ encoding: 'utf8' });
    const events = new SseEvents();
    const r = new SseNodeReader(body, events);
    const waiting = r.wait();
    body.write(event('ok') + 'data: {not json\n\n');
    await waiting;
    expect(texts(r)).toEqual(['ok']);
    expect(events.failure).toBeInstanceOf(SyntaxError);
  });
});
