import { describe, expect, it } from 'vitest';
import { Cancel } from './cancel.js';
import { ChatError } from './chat-error.js';
import type { Reply } from './public-types.js';
import { ReplyBook } from './reply-book.js';

const reply = (seq: number, content: string): Reply => ({ seq, sessionId: 's', content, timestamp: '2023/11/03 15:30:00', status: 'completed' });

function watch(book: ReplyBook, seq: number) {
  const deltas: string[] = [];
  const snapshots: string[] = [];
  const done = book.watch(seq, (soFar, delta) => {
    deltas.push(delta);
    snapshots.push(soFar);
  }, new Cancel());
  return { deltas, snapshots, done };
}

describe('ReplyBook', () => {
  it('places deltas by offset: replays and overlaps add nothing twice, the final reply adds the tail', async () => {
    const book = new ReplyBook();
    const w = watch(book, 1);
    book.text(1, 0, '请问BGP');
    book.text(1, 0, '请问BGP'); // replay after a reconnect
    book.text(1, 2, 'BGP协议'); // overlaps
    book.text(1, 20, 'far ahead'); // a gap: cannot be placed
    book.text(1, 7, '实验');
    book.settle(1, reply(1, '请问BGP协议实验ping不通'));
    book.settle(1, reply(1, '请问BGP协议实验ping不通')); // a second settle (replay) is ignored
    const r = await w.done;
    expect(r.content).toBe('请问BGP协议实验ping不通');
    expect(w.deltas.join('')).toBe(r.content);
    expect(w.deltas).toEqual(['请问BGP', '协议', '实验', 'ping不通']);
    expect(book.after).toBe(1);
  });

  it('takes the new text when the server generated the turn afresh and it differs', async () => {
    const book = new ReplyBook();
    const w = watch(book, 1);
    book.text(1, 0, 'first try');
    book.text(1, 0, 'second');
    book.settle(1, reply(1, 'second answer'));
    await w.done;
    expect(w.snapshots.at(-1)).toBe('second answer');
  });

  it('keeps a reply that arrives before its send knows the seq, and hands it over', async () => {
    const book = new ReplyBook();
    const claimed = book.expect();
    book.text(1, 0, 'early ');
    book.settle(1, reply(1, 'early words'));
    expect(book.after).toBe(1);
    const w = watch(book, 1);
    claimed();
    expect((await w.done).content).toBe('early words');
    expect(w.deltas.join('')).toBe('early words');
  });

  it('advances the cursor only over contiguous settled turns', () => {
    const book = new ReplyBook();
    book.expect();
    book.settle(2, reply(2, 'two'));
    expect(book.after).toBe(0);
    book.fail(1, new ChatError('GENERATION_FAILED', 'boom', { seq: 1 }));
    expect(book.after).toBe(2);
  });

  it('rejects the waiting caller of a failed turn, and every caller once the session is over', async () => {
    const book = new ReplyBook();
    const one = watch(book, 1);
    const two = watch(book, 2);
    book.fail(1, new ChatError('UPSTREAM_ERROR', 'model cut its stream', { seq: 1 }));
    await expect(one.done).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', seq: 1 });
    expect(book.waiting).toBe(true);
    book.failAll(new ChatError('SESSION_CLOSED', 'gone'));
    await expect(two.done).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    await expect(watch(book, 3).done).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    expect(book.waiting).toBe(false);
  });

  it('stops streaming to a caller that cancelled, without losing the reply for the cursor', async () => {
    const book = new ReplyBook();
    const cancel = new Cancel();
    const seen: string[] = [];
    const done = book.watch(1, (s) => seen.push(s), cancel);
    book.text(1, 0, 'a');
    cancel.abort(new ChatError('ABORTED', 'aborted by the caller'));
    await expect(done).rejects.toMatchObject({ code: 'ABORTED' });
    book.text(1, 1, 'b');
    book.settle(1, reply(1, 'ab'));
    expect(seen).toEqual(['a']);
    expect(book.after).toBe(1);
  });
});
