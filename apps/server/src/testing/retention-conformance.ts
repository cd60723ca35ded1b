import { expect, it } from 'vitest';
import type { AppendTurnInput, ChatStore, FeedbackRecord } from '../ports/store.js';

const A = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const B = '0f0e5c1a-6a9b-4a55-8e1e-3b9a3f1f2c00';
const C = '5b1c8a8e-2f1e-4a9a-9a61-0c7d0e3b2a11';
const STUDENT = '3f9a0c1d2e4b5a69';
const OTHER_STUDENT = 'aa00bb11cc22dd33';

const open = (sessionId: string, student: string | null, now = 1_000, content = '请问BGP协议实验ping不通怎么办?'): AppendTurnInput => ({
  sessionId,
  content,
  timestamp: '2023/11/03 15:30:00',
  now,
  maxPending: 10,
  maxLiveSessions: 100,
  maxTurns: 0,
  owner: student ? `wx:openid-of-${student}` : null,
  student,
});

const rating = (sessionId: string, seq: number, ratedAt: number): FeedbackRecord => ({
  sessionId,
  seq,
  rating: 'down',
  comment: '',
  question: 'q',
  answer: 'a',
  ratedAt,
});

/**
 * Retention and forget, part of the store conformance suite (run inside `describeStore`):
 * pseudonyms stored with sessions, batched purges of tombstones and feedback, forgetting one
 * student, and the shared secret.
 */
export function describeRetentionStore(store: () => ChatStore): void {
  it('stores the student pseudonym with the session that a message opens', async () => {
    await store().appendTurn(open(A, STUDENT));
    await store().appendTurn(open(B, null));
    expect((await store().getSession(A))?.student).toBe(STUDENT);
    expect((await store().getSession(B))?.student).toBeNull();
  });

  it('purges tombstones in batches of at most limit, oldest first, with their retained turns', async () => {
    for (const [i, sid] of [A, B, C].entries()) {
      await store().appendTurn(open(sid, STUDENT, 1_000 + i));
      await store().closeSession(sid, 2_000 + i, true);
    }
    expect(await store().purgeClosed(10_000, 2)).toBe(2);
    expect(await store().getSession(A)).toBeUndefined();
    expect(await store().getSession(B)).toBeUndefined();
    expect(await store().getTurn(A, 1)).toBeUndefined();
    expect((await store().getSession(C))?.closedAt).toBe(2_002);
    expect(await store().getTurn(C, 1)).toBeDefined();
    expect(await store().purgeClosed(10_000, 2)).toBe(1);
    expect(await store().purgeClosed(10_000, 2)).toBe(0);
  });

  it('purges feedback rated before the cutoff, in batches', async () => {
    await store().saveFeedback(rating(A, 1, 1_000));
    await store().saveFeedback(rating(A, 2, 2_000));
    await store().saveFeedback(rating(B, 1, 9_000));
    expect(await store().purgeFeedback(5_000, 1)).toBe(1);
    expect(await store().purgeFeedback(5_000, 10)).toBe(1);
    expect(await store().purgeFeedback(5_000, 10)).toBe(0);
    expect((await store().listFeedback({ limit: 10 })).map((r) => r.sessionId)).toEqual([B]);
  });

  it('forgets every session, turn and rating of one student, open or closed, and nobody else', async () => {
    await store().appendTurn(open(A, STUDENT));
    await store().appendTurn({ ...open(A, STUDENT), content: '第二个问题', now: 1_500 });
    await store().appendTurn(open(B, STUDENT));
    await store().closeSession(B, 2_000, true);
    await store().appendTurn(open(C, OTHER_STUDENT));
    await store().saveFeedback(rating(A, 1, 3_000));
    await store().saveFeedback(rating(C, 1, 3_000));
    const live = await store().liveSessions();

    const out = await store().forgetStudent(STUDENT);
    expect({ sessions: out.sessions, turns: out.turns, feedback: out.feedback }).toEqual({ sessions: 2, turns: 3, feedback: 1 });
    expect(out.open).toEqual([{ id: A, owner: `wx:openid-of-${STUDENT}` }]);
    expect(await store().getSession(A)).toBeUndefined();
    expect(await store().getSession(B)).toBeUndefined();
    expect(await store().getTurn(A, 2)).toBeUndefined();
    expect(await store().liveSessions()).toBe(live - 1);
    expect((await store().listFeedback({ limit: 10 })).map((r) => r.sessionId)).toEqual([C]);
    expect((await store().getSession(C))?.student).toBe(OTHER_STUDENT);
    // The id is free again, as if it had never been used.
    expect((await store().appendTurn(open(A, OTHER_STUDENT, 5_000))).kind).toBe('created');
    expect(await store().forgetStudent(STUDENT)).toMatchObject({ sessions: 0, turns: 0, feedback: 0, moderation: 0, open: [] });
  });

  it('keeps the first shared secret written under a name', async () => {
    expect(await store().sharedSecret('pseudonym-key', 'first-candidate-0001')).toBe('first-candidate-0001');
    expect(await store().sharedSecret('pseudonym-key', 'second-candidate-002')).toBe('first-candidate-0001');
    expect(await store().sharedSecret('other', 'x-candidate-0000003')).toBe('x-candidate-0000003');
  });
}
