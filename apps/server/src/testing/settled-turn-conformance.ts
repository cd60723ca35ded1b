import { expect, it } from 'vitest';
import type { AppendTurnInput, ChatStore, Settlement } from '../ports/store.js';

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const sources = [{ title: 'BGP实验ping不通怎么办' }];

const answer = (patch: Partial<Settlement> = {}): Settlement => ({
  status: 'completed',
  reply: '先检查邻居状态',
  replyTimestamp: '2023/11/03 15:30:02',
  sources,
  matched: true,
  settledAt: 2_500,
  ...patch,
});

const teacher: Settlement = {
  status: 'completed',
  reply: '**老师的回答**：检查 AS 号与 network 宣告',
  replyTimestamp: '2023/11/03 16:00:00',
  author: 'teacher',
  matched: true,
  settledAt: 9_000,
};

/**
 * What a settled turn records beyond its reply (whether the knowledge base matched, who wrote it,
 * when it settled), and turns stored already settled (a teacher's reply): part of the store
 * conformance suite, run by `describeStore` on every adapter.
 */
export function describeSettledTurns(store: () => ChatStore, input: (patch?: Partial<AppendTurnInput>) => AppendTurnInput): void {
  const ask = (seq: number, patch: Partial<AppendTurnInput> = {}) =>
    store().appendTurn(input({ content: `问题 ${seq}`, timestamp: `2023/11/03 15:30:0${seq}`, now: 1_000 + seq, ...patch }));

  it('reads an unsettled turn as not matched yet, by the engine, not settled', async () => {
    const created = await ask(1);
    expect(created.kind === 'created' && created.turn).toMatchObject({ matched: null, settledAt: null });
    const t = await store().getTurn(SID, 1);
    expect(t).toMatchObject({ status: 'pending', matched: null, settledAt: null });
    expect(t?.author).toBeUndefined();
  });

  it('keeps matched, author and settledAt of a settlement on every read path', async () => {
    await ask(1);
    await ask(2);
    await ask(3);
    expect(await store().settleTurn(SID, 1, answer())).toBe(true);
    expect(await store().settleTurn(SID, 2, answer({ reply: '知识库里没有', matched: false, sources: [], settledAt: 3_000 }))).toBe(true);
    expect(await store().settleTurn(SID, 3, { status: 'failed', reply: '', replyTimestamp: '2023/11/03 15:30:09', errorCode: 'UPSTREAM_ERROR', errorMessage: 'down' })).toBe(true);

    const one = { seq: 1, matched: true, settledAt: 2_500, sources };
    const two = { seq: 2, matched: false, settledAt: 3_000, reply: '知识库里没有' };
    const three = { seq: 3, status: 'failed', matched: null, settledAt: null };
    expect(await store().getTurn(SID, 1)).toMatchObject(one);
    expect(await store().getTurn(SID, 2)).toMatchObject(two);
    expect(await store().getTurn(SID, 3)).toMatchObject(three);
    expect(await store().findTurn(SID, { kind: 'after', seq: 1 })).toMatchObject(two);
    expect(await store().findTurn(SID, { kind: 'latest' })).toMatchObject(three);
    expect(await store().findTurn(SID, { kind: 'atOrAfter', timestamp: '2023/11/03 15:30:01' })).toMatchObject(three);
    const after = await store().turnsAfter(SID, 0, 10);
    expect(after).toMatchObject([one, two, three]);
    expect(await store().history(SID, 4, 10)).toMatchObject([three, two, one]);
    for (const t of after) expect(t.author).toBeUndefined();
    // A teacher's settlement is named as such.
    await ask(4);
    await store().settleTurn(SID, 4, { ...teacher });
    expect(await store().getTurn(SID, 4)).toMatchObject({ author: 'teacher', matched: true, settledAt: 9_000 });
    expect((await store().turnsAfter(SID, 3, 10))[0]).toMatchObject({ author: 'teacher' });
  });

  it('stores a turn already settled: not pending, not a retry, counted toward the quota', async () => {
    await ask(1, { owner: 'wx:o-alice', student: 'st-alice' });
    const created = await store().appendTurn(input({ content: '(老师的回答)', now: 9_000, maxPending: 1, maxTurns: 3, settled: teacher }));
    expect(created.kind).toBe('created');
    const expected = { seq: 2, status: 'completed', reply: teacher.reply, replyTimestamp: teacher.replyTimestamp, author: 'teacher', matched: true, settledAt: 9_000, errorCode: null, sources: [] };
    expect(created.kind === 'created' && created.turn).toMatchObject(expected);
    expect(await store().getTurn(SID, 2)).toMatchObject(expected);
    expect(await store().getSession(SID)).toMatchObject({ lastSeq: 2, lastActiveAt: 9_000, owner: 'wx:o-alice', student: 'st-alice' });
    // Only the student's own question waits for the engine.
    expect((await store().nextUnsettled(SID))?.seq).toBe(1);
    expect(await store().settleTurn(SID, 1, answer())).toBe(true);
    expect(await store().nextUnsettled(SID)).toBeUndefined();
    expect(await store().sessionsWithUnsettled()).toEqual([]);
    expect(await store().startTurn(SID, 2)).toBe(false);
    expect(await store().settleTurn(SID, 2, answer())).toBe(false);
    // The same content again is a new turn, never a duplicate.
    const again = await store().appendTurn(input({ content: '(老师的回答)', now: 9_500, maxPending: 1, maxTurns: 3, settled: teacher }));
    expect(again.kind === 'created' && again.turn.seq).toBe(3);
    expect(await store().appendTurn(input({ content: '(老师的回答)', now: 9_600, maxTurns: 3, settled: teacher }))).toEqual({ kind: 'quota', limit: 3 });
    expect((await store().history(SID, 10, 10)).map((t) => t.seq)).toEqual([3, 2, 1]);
    // The session is still listed by its student's first question, now most recently active.
    expect(await store().listOwnedSessions('wx:o-alice', { limit: 10 })).toEqual([expect.objectContaining({ id: SID, firstQuestion: '问题 1', lastActiveAt: 9_500 })]);
    expect(await store().listSessions({ limit: 10 })).toEqual([expect.objectContaining({ id: SID, firstQuestion: '问题 1', lastActiveAt: 9_500 })]);
  });

  it('does not let a settled turn past a pending one count as pending', async () => {
    await ask(1);
    await store().appendTurn(input({ content: 'teacher', now: 9_000, settled: teacher }));
    // One unsettled turn (seq 1): a second question is refused at maxPending 1, as before.
    expect(await ask(3, { maxPending: 1 })).toEqual({ kind: 'busy', pending: 1 });
    expect(await store().sessionsWithUnsettled()).toEqual([SID]);
  });

  it('refuses a settled turn for a closed session', async () => {
    await ask(1);
    await store().closeSession(SID, 5_000, true);
    expect(await store().appendTurn(input({ content: 'teacher', now: 9_000, settled: teacher }))).toEqual({ kind: 'closed' });
    expect((await store().getSession(SID))?.lastSeq).toBe(1);
  });
}
