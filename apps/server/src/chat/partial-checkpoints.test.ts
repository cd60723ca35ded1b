import { describe, expect, it } from 'vitest';
import { PartialCheckpoints } from './partial-checkpoints.js';

/** Checkpoints whose writes finish when the test says so. */
function controlled(everyMs = 0) {
  const writes: { text: string; done: () => void; fail: (err: Error) => void }[] = [];
  const cp = new PartialCheckpoints({
    everyMs,
    now: () => 0,
    save: (text) => new Promise<void>((done, fail) => writes.push({ text, done, fail })),
  });
  return { cp, writes };
}

describe('partial checkpoints', () => {
  it('keeps one write in flight, then writes the newest text', async () => {
    const { cp, writes } = controlled();
    cp.mark('a');
    cp.mark('ab');
    cp.mark('abc');
    expect(writes.map((w) => w.text)).toEqual(['a']);
    expect(cp.confirmed).toBe(0);
    writes[0]!.done();
    await expect.poll(() => writes.map((w) => w.text)).toEqual(['a', 'abc']);
    expect(cp.confirmed).toBe(1);
    writes[1]!.done();
    await expect.poll(() => cp.confirmed).toBe(3);
  });

  it('says how far the store has the text only once a write is done', async () => {
    const { cp, writes } = controlled();
    cp.mark('hello');
    const saved = cp.savedTo(5);
    let resolved = false;
    void saved.then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    writes[0]!.done();
    await saved;
    expect(cp.confirmed).toBe(5);
  });

  it('starts no write before the interval is up (the clock does not move here)', () => {
    const { cp, writes } = controlled(250);
    cp.mark('a');
    expect(writes).toHaveLength(1);
    writes[0]!.done();
    cp.mark('ab');
    expect(writes).toHaveLength(1);
    void cp.drained();
  });

  it('reports a failed write when drained, and starts no more', async () => {
    const { cp, writes } = controlled();
    cp.mark('a');
    writes[0]!.fail(new Error('store down'));
    await expect.poll(async () => ((await Promise.race([cp.savedTo(10), Promise.resolve('pending')])) === undefined ? 'woken' : 'pending')).toBe('woken');
    cp.mark('ab');
    expect(writes).toHaveLength(1);
    expect(await cp.drained()).toMatchObject({ message: 'store down' });
  });
});
