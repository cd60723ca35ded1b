import { expect, it } from 'vitest';
import type { AppendTurnInput, ChatStore } from '../ports/store.js';

// Session ids in ascending order, so ties on lastActiveAt have a known order (higher id first).
const ids = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
const ALICE = 'wx:o-alice';
const BOB = 'wx:o-bob';

/**
 * The store conformance tests of a student's own history (their session list, continued sessions,
 * reading a closed session's retained turns), run by `describeStore` for every adapter.
 */
export function describeOwnedSessions(current: () => ChatStore, input: (patch?: Partial<AppendTurnInput>) => AppendTurnInput): void {
  const open = (sessionId: string, owner: string | undefined, now: number, content = `问题 ${sessionId.slice(-1)}`) =>
    current().appendTurn(input({ sessionId, owner, now, content, timestamp: `2023/11/03 15:30:0${sessionId.slice(-1)}` }));

  it("lists an owner's sessions newest activity first, paged, and never another owner's", async () => {
    await open(ids[0]!, ALICE, 1_000);
    await open(ids[1]!, BOB, 2_000);
    await open(ids[2]!, ALICE, 3_000);
    await open(ids[3]!, ALICE, 3_000);
    await open(ids[4]!, undefined, 4_000);
    // Activity moves a session up: a later message, and a touch.
    await current().appendTurn(input({ sessionId: ids[0]!, content: 'second', timestamp: '2023/11/03 15:31:00', now: 5_000 }));
    await current().touchSession(ids[2]!, 6_000);
    const all = await current().listOwnedSessions(ALICE, { limit: 10 });
    expect(all.map((s) => s.id)).toEqual([ids[2], ids[0], ids[3]]);
    expect(all[1]).toMatchObject({ owner: ALICE, createdAt: 1_000, lastActiveAt: 5_000, lastSeq: 2, closedAt: null, firstQuestion: '问题 0' });
    const first = await current().listOwnedSessions(ALICE, { limit: 2 });
    expect(first.map((s) => s.id)).toEqual([ids[2], ids[0]]);
    const next = await current().listOwnedSessions(ALICE, { limit: 2, before: { lastActiveAt: first[1]!.lastActiveAt, id: first[1]!.id } });
    expect(next.map((s) => s.id)).toEqual([ids[3]]);
    expect((await current().listOwnedSessions(BOB, { limit: 10 })).map((s) => s.id)).toEqual([ids[1]]);
    expect(await current().listOwnedSessions('wx:o-nobody', { limit: 10 })).toEqual([]);
  });

  it('pages through sessions active at the same moment by id, without skipping or repeating one', async () => {
    for (const id of ids) await open(id, ALICE, 7_000);
    const seen: string[] = [];
    let before: { lastActiveAt: number; id: string } | undefined;
    for (;;) {
      const page = await current().listOwnedSessions(ALICE, { limit: 4, before });
      seen.push(...page.map((s) => s.id));
      if (page.length < 4) break;
      before = { lastActiveAt: page.at(-1)!.lastActiveAt, id: page.at(-1)!.id };
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('lists a closed session while its turns are kept, and reads them; not once they are gone', async () => {
    await open(ids[0]!, ALICE, 1_000);
    await open(ids[1]!, ALICE, 2_000);
    await current().closeSession(ids[0]!, 3_000, true);
    await current().closeSession(ids[1]!, 3_000, false);
    expect(await current().listOwnedSessions(ALICE, { limit: 10 })).toEqual([expect.objectContaining({ id: ids[0], closedAt: 3_000, firstQuestion: '问题 0' })]);
    expect((await current().turnsAfter(ids[0]!, 0, 10)).map((t) => t.content)).toEqual(['问题 0']);
    await current().purgeClosed(4_000);
    expect(await current().listOwnedSessions(ALICE, { limit: 10 })).toEqual([]);
  });

  it("forgetting a student empties their list, and only theirs", async () => {
    await current().appendTurn(input({ sessionId: ids[0]!, owner: ALICE, student: 'aaaaaaaaaaaaaaaa' }));
    await current().appendTurn(input({ sessionId: ids[1]!, owner: ALICE, student: 'aaaaaaaaaaaaaaaa' }));
    await current().closeSession(ids[1]!, 2_000, true);
    await current().appendTurn(input({ sessionId: ids[2]!, owner: BOB, student: 'bbbbbbbbbbbbbbbb' }));
    await current().forgetStudent('aaaaaaaaaaaaaaaa');
    expect(await current().listOwnedSessions(ALICE, { limit: 10 })).toEqual([]);
    expect((await current().listOwnedSessions(BOB, { limit: 10 })).map((s) => s.id)).toEqual([ids[2]]);
  });

  it('keeps the session a new one continues, given by the message that opened it only', async () => {
    await current().appendTurn(input({ sessionId: ids[1]!, owner: ALICE, continuedFrom: ids[0]! }));
    await current().appendTurn(input({ sessionId: ids[1]!, content: 'later', continuedFrom: ids[2]! }));
    expect(await current().getSession(ids[1]!)).toMatchObject({ continuedFrom: ids[0] });
    await current().appendTurn(input({ sessionId: ids[3]! }));
    expect((await current().getSession(ids[3]!))?.continuedFrom ?? null).toBeNull();
  });
}
