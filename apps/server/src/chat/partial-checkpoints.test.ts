import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PartialReply } from '../ports/store.js';
import { CheckpointBatches } from './checkpoint-batches.js';

/** Batches whose writes finish when the test says so; the clock is vitest's fake one. */
function controlled(everyMs = 0) {
  const writes: { batch: PartialReply[]; done: () => void; fail: (err: Error) => void }[] = [];
  const batches = new CheckpointBatches({
    everyMs,
    now: () => Date.now(),
    save: (batch) => new Promise<void>((done, fail) => writes.push({ batch, done, fail })),
  });
  const texts = (i: number) => writes[i]!.batch.map((p) => `${p.sessionId}/${p.seq}:${p.reply}`);
  return { batches, writes, texts };
}

/** Lets promise callbacks and due timers run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('partial checkpoints, batched across turns', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes every changed turn in one batch, with its newest text', async () => {
    const { batches, writes, texts } = controlled();
    const a = batches.open('s1', 1);
    const b = batches.open('s2', 3);
    a.mark('a');
    a.mark('ab');
    b.mark('x');
    expect(writes).toHaveLength(0);
    await settle();
    expect(writes).toHaveLength(1);
    expect(texts(0)).toEqual(['s1/1:ab', 's2/3:x']);
  });

  it('keeps one batch in flight and confirms a turn only once its batch is written', async () => {
    const { batches, writes, texts } = controlled();
    const a = batches.open('s1', 1);
    const b = batches.open('s2', 1);
    a.mark('a');
    await settle();
    b.mark('x');
    a.mark('abc');
    await settle();
    expect(writes).toHaveLength(1);
    expect(a.confirmed).toBe(0);
    writes[0]!.done();
    await settle();
    expect(a.confirmed).toBe(1);
    expect(writes).toHaveLength(2);
    expect(texts(1)).toEqual(['s2/1:x', 's1/1:abc']);
    expect([a.confirmed, b.confirmed]).toEqual([1, 0]);
    writes[1]!.done();
    await settle();
    expect([a.confirmed, b.confirmed]).toEqual([3, 1]);
    expect(writes).toHaveLength(2);
  });

  it('says how far the store has the text only once the write is done', async () => {
    const { batches, writes } = controlled();
    const a = batches.open('s1', 1);
    a.mark('hello');
    let resolved = false;
    void a.savedTo(5).then(() => (resolved = true));
    await settle();
    expect(resolved).toBe(false);
    writes[0]!.done();
    await settle();
    expect(resolved).toBe(true);
    expect(a.confirmed).toBe(5);
  });

  it('starts at most one batch per interval, for all turns together', async () => {
    const { batches, writes, texts } = controlled(250);
    const a = batches.open('s1', 1);
    const b = batches.open('s2', 1);
    a.mark('a');
    await settle();
    writes[0]!.done();
    a.mark('ab');
    await vi.advanceTimersByTimeAsync(100);
    b.mark('x');
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(writes).toHaveLength(2);
    expect(texts(1)).toEqual(['s1/1:ab', 's2/1:x']);
  });

  it('fails every turn of a failed batch, and only those; they make no more writes', async () => {
    const { batches, writes, texts } = controlled();
    const a = batches.open('s1', 1);
    const b = batches.open('s2', 1);
    const c = batches.open('s3', 1);
    a.mark('a');
    b.mark('x');
    await settle();
    c.mark('p');
    const waiting = a.savedTo(10);
    writes[0]!.fail(new Error('store down'));
    await settle();
    await waiting; // woken: no write will ever hold it
    expect(texts(1)).toEqual(['s3/1:p']);
    a.mark('ab');
    b.mark('xy');
    c.mark('pq');
    writes[1]!.done();
    await settle();
    expect(writes).toHaveLength(3);
    expect(texts(2)).toEqual(['s3/1:pq']);
    expect(await a.drained()).toMatchObject({ message: 'store down' });
    expect(await b.drained()).toMatchObject({ message: 'store down' });
    writes[2]!.done();
    expect(await c.drained()).toBeUndefined();
    expect(c.confirmed).toBe(2);
  });

  it('counts a store call that throws at once as a failed batch', async () => {
    const batches = new CheckpointBatches({
      everyMs: 0,
      now: () => Date.now(),
      save: () => {
        throw new Error('not connected');
      },
    });
    const a = batches.open('s1', 1);
    a.mark('a');
    await settle();
    expect(await a.drained()).toMatchObject({ message: 'not connected' });
  });

  it('drained waits for the batch in flight, and a stopped turn joins no later batch', async () => {
    const { batches, writes, texts } = controlled();
    const a = batches.open('s1', 1);
    const b = batches.open('s2', 1);
    a.mark('a');
    await settle();
    a.mark('ab');
    b.mark('x');
    let drained = false;
    void a.drained().then(() => (drained = true));
    await settle();
    expect(drained).toBe(false);
    writes[0]!.done();
    await settle();
    expect(drained).toBe(true);
    expect(a.confirmed).toBe(1);
    expect(texts(1)).toEqual(['s2/1:x']);
    expect(batches.waiting).toBe(0);
  });
});
