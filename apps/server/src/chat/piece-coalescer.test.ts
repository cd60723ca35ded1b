import { describe, expect, it } from 'vitest';
import { PieceCoalescer } from './piece-coalescer.js';

function coalescer(windowMs: number, maxChars: number) {
  let clock = 1_000;
  const out: string[] = [];
  const c = new PieceCoalescer({ windowMs, maxChars, now: () => clock, flush: (t) => out.push(t) });
  return { c, out, advance: (ms: number) => (clock += ms) };
}

describe('the piece coalescer', () => {
  it('lets the first piece of a reply leave at once, and holds the next ones for the window', () => {
    const { c, out } = coalescer(60_000, 1_000);
    c.add('你');
    expect(out).toEqual(['你']);
    c.add('好');
    c.add('，');
    expect(out).toEqual(['你']);
    c.flushNow();
    expect(out).toEqual(['你', '好，']);
    c.drop();
  });

  it('lets a window leave early once it holds maxChars characters', () => {
    const { c, out } = coalescer(60_000, 4);
    c.add('a');
    c.add('bc');
    c.add('de');
    expect(out).toEqual(['a', 'bcde']);
    c.drop();
  });

  it('lets a piece leave at once when the last window left a window ago', () => {
    const { c, out, advance } = coalescer(50, 1_000);
    c.add('a');
    advance(50);
    c.add('b');
    expect(out).toEqual(['a', 'b']);
  });

  it('flushes a held window when its time is up', async () => {
    const { c, out } = coalescer(20, 1_000);
    c.add('a');
    c.add('b');
    await expect.poll(() => out).toEqual(['a', 'b']);
  });

  it('with no window, lets the pieces that arrive in one event-loop turn leave together', async () => {
    const { c, out } = coalescer(0, 1_000);
    c.add('a');
    c.add('b');
    expect(out).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(out).toEqual(['ab']);
    c.add('c');
    await new Promise((r) => setImmediate(r));
    expect(out).toEqual(['ab', 'c']);
  });

  it('forgets held text when dropped (an aborted turn releases nothing more)', () => {
    const { c, out } = coalescer(60_000, 1_000);
    c.add('a');
    c.add('b');
    c.drop();
    c.flushNow();
    expect(out).toEqual(['a']);
  });
});
