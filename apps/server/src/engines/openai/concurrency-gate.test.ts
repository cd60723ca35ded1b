import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from './concurrency-gate.js';

const never = new AbortController().signal;

describe('ConcurrencyGate', () => {
  it('admits up to the limit, then serves waiters in arrival order', async () => {
    const gate = new ConcurrencyGate(2);
    const order: string[] = [];
    const a = await gate.acquire(never);
    const b = await gate.acquire(never);
    const c = gate.acquire(never).then((release) => (order.push('c'), release));
    const d = gate.acquire(never).then((release) => (order.push('d'), release));
    expect([gate.active, gate.queued]).toEqual([2, 2]);
    b();
    b(); // releasing twice frees one slot only
    (await c)();
    a();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it('drops a waiter whose signal aborts, rejecting with the reason', async () => {
    const gate = new ConcurrencyGate(1);
    const held = await gate.acquire(never);
    const leaving = new AbortController();
    const waiting = gate.acquire(leaving.signal);
    const next = gate.acquire(never);
    leaving.abort('stop');
    await expect(waiting).rejects.toBe('stop');
    expect(gate.queued).toBe(1);
    held();
    (await next)();
    expect(gate.active).toBe(0);
  });

  it('rejects at once when the signal already aborted, and refuses a limit below 1', async () => {
    await expect(new ConcurrencyGate(1).acquire(AbortSignal.abort('gone'))).rejects.toBe('gone');
    expect(() => new ConcurrencyGate(0)).toThrow('[openai] concurrency must be a positive integer, got 0');
  });
});
