import { expect, it } from 'vitest';
import type { GroupState, ModerationRecord } from '../ports/course-records.js';
import type { AppendTurnInput, ChatStore, FeedbackRecord } from '../ports/store.js';

// Session ids in ascending order, so ties on lastActiveAt have a known order (higher id first).
const ids = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000001${i}`);
const ALICE = 'st-alice-0000001';
const BOB = 'st-bob-000000002';

const mod = (id: string, at: number, patch: Partial<ModerationRecord> = {}): ModerationRecord => ({
  id,
  at,
  direction: 'input',
  sessionId: ids[0]!,
  seq: null,
  student: ALICE,
  content: '敏感词测试',
  reason: 'words',
  ...patch,
});

const group = (groupId: string, at: number, patch: Partial<GroupState> = {}): GroupState => ({
  groupId,
  question: 'BGP邻居建立不起来',
  status: 'answered',
  entryId: 'bgp-neighbour',
  by: '王老师',
  at,
  ...patch,
});

const rating = (sessionId: string, seq: number, patch: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  sessionId,
  seq,
  rating: 'down',
  comment: '',
  question: 'q',
  answer: 'a',
  ratedAt: 5_000,
  ...patch,
});

/**
 * The teachers' records (every student's sessions, the moderation log, group decisions), part of
 * the store conformance suite run by `describeStore` on every adapter.
 */
export function describeCourseRecords(store: () => ChatStore, input: (patch?: Partial<AppendTurnInput>) => AppendTurnInput): void {
  const open = (i: number, student: string | null, now: number) =>
    store().appendTurn(input({ sessionId: ids[i]!, student, owner: student && `wx:${student}`, now, content: `问题 ${i}`, timestamp: `2023/11/03 15:30:0${i}` }));
  const listed = async (q: Partial<Parameters<ChatStore['listSessions']>[0]> = {}) => (await store().listSessions({ limit: 10, ...q })).map((s) => s.id);

  it("lists every student's sessions newest activity first, filtered by student and time", async () => {
    await open(0, ALICE, 1_000);
    await open(1, BOB, 2_000);
    await open(2, ALICE, 3_000);
    await open(3, null, 4_000);
    // Activity moves a session up: a later message, and a touch.
    await store().appendTurn(input({ sessionId: ids[0]!, content: 'second', timestamp: '2023/11/03 15:31:00', now: 5_000 }));
    await store().touchSession(ids[1]!, 6_000);
    expect(await listed()).toEqual([ids[1], ids[0], ids[3], ids[2]]);
    const all = await store().listSessions({ limit: 10 });
    expect(all[1]).toMatchObject({ id: ids[0], student: ALICE, owner: `wx:${ALICE}`, createdAt: 1_000, lastActiveAt: 5_000, lastSeq: 2, closedAt: null, firstQuestion: '问题 0' });
    expect(await listed({ student: ALICE })).toEqual([ids[0], ids[2]]);
    expect(await listed({ student: 'st-nobody' })).toEqual([]);
    expect(await listed({ from: 4_000 })).toEqual([ids[1], ids[0], ids[3]]);
    expect(await listed({ to: 5_000 })).toEqual([ids[3], ids[2]]);
    expect(await listed({ from: 3_000, to: 5_001, student: ALICE })).toEqual([ids[0], ids[2]]);
    expect(await listed({ limit: 2 })).toEqual([ids[1], ids[0]]);
    expect(await listed({ limit: 2, before: { lastActiveAt: 5_000, id: ids[0]! } })).toEqual([ids[3], ids[2]]);
  });

  it('pages through sessions active at the same moment by id, without skipping or repeating one', async () => {
    for (let i = 0; i < ids.length; i++) await open(i, i % 2 ? BOB : ALICE, 7_000);
    await open(5, BOB, 8_000);
    const seen: string[] = [];
    let before: { lastActiveAt: number; id: string } | undefined;
    for (;;) {
      const page = await store().listSessions({ limit: 2, before });
      seen.push(...page.map((s) => s.id));
      if (page.length < 2) break;
      before = { lastActiveAt: page.at(-1)!.lastActiveAt, id: page.at(-1)!.id };
    }
    expect(seen).toEqual([ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]]);
    expect(await listed({ student: BOB, limit: 2, before: { lastActiveAt: 7_000, id: ids[5]! } })).toEqual([ids[3], ids[1]]);
  });

  it('lists a closed session while its turns are kept, not once they are gone, nor a forgotten student', async () => {
    await open(0, ALICE, 1_000);
    await open(1, ALICE, 2_000);
    await open(2, BOB, 3_000);
    await store().closeSession(ids[0]!, 4_000, true);
    await store().closeSession(ids[1]!, 4_000, false);
    expect(await store().listSessions({ limit: 10 })).toEqual([
      expect.objectContaining({ id: ids[2], closedAt: null }),
      expect.objectContaining({ id: ids[0], closedAt: 4_000, firstQuestion: '问题 0' }),
    ]);
    await store().purgeClosed(5_000);
    expect(await listed()).toEqual([ids[2]]);
    await store().forgetStudent(BOB);
    expect(await listed()).toEqual([]);
  });

  it("reads one session's feedback by seq, and no other session's, while it is stored and once it is gone", async () => {
    await open(0, ALICE, 1_000);
    for (const seq of [2, 3]) await store().appendTurn(input({ sessionId: ids[0]!, content: `追问 ${seq}`, timestamp: `2023/11/03 15:31:0${seq}`, now: 1_000 + seq }));
    await open(1, BOB, 1_000);
    await store().saveFeedback(rating(ids[0]!, 3, { rating: 'up' }));
    await store().saveFeedback(rating(ids[0]!, 1, { comment: '没说 AS 号' }));
    await store().saveFeedback(rating(ids[1]!, 1));
    // A session id that is a prefix of another's must not take its ratings.
    await store().saveFeedback(rating(`${ids[0]!}0`, 1));
    const mine = [rating(ids[0]!, 1, { comment: '没说 AS 号' }), rating(ids[0]!, 3, { rating: 'up' })];
    expect(await store().sessionFeedback(ids[0]!)).toEqual(mine);
    expect(await store().sessionFeedback(ids[5]!)).toEqual([]);
    // Ratings outlive the session: still read once its tombstone is purged.
    await store().closeSession(ids[0]!, 2_000, false);
    await store().purgeClosed(3_000);
    expect(await store().getSession(ids[0]!)).toBeUndefined();
    expect(await store().sessionFeedback(ids[0]!)).toEqual(mine);
  });

  it('keeps the moderation log newest first, filtered by time, paged with ties by id', async () => {
    const log = [
      mod('m1', 1_000),
      mod('m2', 2_000, { direction: 'output', seq: 3, student: null, content: '回复被拦截的部分', reason: 'wechat' }),
      mod('m3', 2_000),
      mod('m4', 3_000, { sessionId: ids[1]!, student: BOB }),
    ];
    for (const r of log) await store().saveModeration(r);
    expect(await store().listModeration({ limit: 10 })).toEqual([log[3], log[2], log[1], log[0]]);
    expect((await store().listModeration({ from: 2_000, limit: 10 })).map((r) => r.id)).toEqual(['m4', 'm3', 'm2']);
    expect((await store().listModeration({ to: 2_000, limit: 10 })).map((r) => r.id)).toEqual(['m1']);
    expect((await store().listModeration({ from: 2_000, to: 3_000, limit: 10 })).map((r) => r.id)).toEqual(['m3', 'm2']);
    const first = await store().listModeration({ limit: 2 });
    expect(first.map((r) => r.id)).toEqual(['m4', 'm3']);
    const next = await store().listModeration({ limit: 2, before: { at: 2_000, id: 'm3' } });
    expect(next).toEqual([log[1], log[0]]);
    expect(await store().listModeration({ limit: 2, before: { at: 1_000, id: 'm1' } })).toEqual([]);
  });

  it('purges moderation records older than the cutoff, in batches', async () => {
    for (const [i, at] of [1_000, 2_000, 3_000, 9_000].entries()) await store().saveModeration(mod(`m${i}`, at));
    expect(await store().purgeModeration(5_000, 2)).toBe(2);
    expect(await store().purgeModeration(5_000, 2)).toBe(1);
    expect(await store().purgeModeration(5_000, 2)).toBe(0);
    expect((await store().listModeration({ limit: 10 })).map((r) => r.id)).toEqual(['m3']);
  });

  it("forgets a student's moderation records with their sessions, and nobody else's", async () => {
    await open(0, ALICE, 1_000);
    await store().saveModeration(mod('a1', 1_500, { sessionId: ids[0]! }));
    await store().saveModeration(mod('a2', 1_600, { sessionId: ids[2]!, direction: 'input' }));
    await store().saveModeration(mod('b1', 1_700, { sessionId: ids[1]!, student: BOB }));
    await store().saveModeration(mod('n1', 1_800, { sessionId: ids[3]!, student: null }));
    const out = await store().forgetStudent(ALICE);
    expect(out).toMatchObject({ sessions: 1, turns: 1, moderation: 2 });
    expect((await store().listModeration({ limit: 10 })).map((r) => r.id)).toEqual(['n1', 'b1']);
    expect((await store().forgetStudent(ALICE)).moderation).toBe(0);
  });

  it('stores group decisions, replacing one of the same id, and purges old ones in batches', async () => {
    await store().saveGroupState(group('g1', 1_000));
    await store().saveGroupState(group('g2', 2_000, { status: 'ignored', entryId: null, question: 'OSPF 是什么' }));
    await store().saveGroupState(group('g3', 3_000));
    await store().saveGroupState(group('g1', 8_000, { status: 'ignored', entryId: null, by: '李老师' }));
    const byId = (list: GroupState[]) => [...list].sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
    expect(byId(await store().groupStates())).toEqual([
      group('g1', 8_000, { status: 'ignored', entryId: null, by: '李老师' }),
      group('g2', 2_000, { status: 'ignored', entryId: null, question: 'OSPF 是什么' }),
      group('g3', 3_000),
    ]);
    expect(await store().purgeGroupStates(5_000, 1)).toBe(1);
    expect(await store().purgeGroupStates(5_000, 5)).toBe(1);
    expect(await store().purgeGroupStates(5_000, 5)).toBe(0);
    expect((await store().groupStates()).map((g) => g.groupId)).toEqual(['g1']);
  });
}
