// Over the ~8 KB a file should hold, on purpose: the conformance suite of the store port, one
// `describeStore` every adapter runs (idle expiry lives apart in store-expiry-conformance.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppendTurnInput, ChatStore } from '../ports/store.js';
import { describeIdleExpiry } from './store-expiry-conformance.js';
import { describeFeedbackStore } from './feedback-conformance.js';
import { describeOwnedSessions } from './store-history-conformance.js';
import { describeRetentionStore } from './retention-conformance.js';
import { describeSessionClaims } from './claims-conformance.js';
import { describeKnowledgeStore } from './knowledge-conformance.js';
import { describeSettledTurns } from './settled-turn-conformance.js';
import { describeCourseRecords } from './course-records-conformance.js';
import { describePartialBatches } from './partials-conformance.js';

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const OTHER = '0f0e5c1a-6a9b-4a55-8e1e-3b9a3f1f2c00';

function input(patch: Partial<AppendTurnInput> = {}): AppendTurnInput {
  return {
    sessionId: SID,
    content: '请问BGP协议实验ping不通怎么办?',
    timestamp: '2023/11/03 15:30:00',
    now: 1_000,
    maxPending: 10,
    maxLiveSessions: 100,
    maxTurns: 0,
    ...patch,
  };
}

const done = (reply: string) => ({ status: 'completed' as const, reply, replyTimestamp: '2023/11/03 15:30:02' });

/**
 * The store conformance suite: every ChatStore adapter runs exactly these tests
 * (`describeStore('sqlite', () => new SqliteStore(path))`).
 */
export function describeStore(name: string, make: () => ChatStore | Promise<ChatStore>): void {
  describe(`ChatStore conformance: ${name}`, () => {
    let store: ChatStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('opens a session on first send and numbers turns from 1', async () => {
      const a = await store.appendTurn(input());
      const b = await store.appendTurn(input({ content: 'OSPF', timestamp: '2023/11/03 15:30:05', now: 2_000 }));
      expect(a.kind === 'created' && a.turn.seq).toBe(1);
      expect(b.kind === 'created' && b.turn.seq).toBe(2);
      const s = await store.getSession(SID);
      expect(s).toMatchObject({ id: SID, createdAt: 1_000, lastActiveAt: 2_000, closedAt: null, lastSeq: 2 });
      expect(await store.liveSessions()).toBe(1);
      const t = await store.getTurn(SID, 1);
      expect(t).toMatchObject({ status: 'pending', reply: '', content: input().content, clientMsgId: null, sources: [], suggestions: [] });
    });

    it('keeps the owner given by the message that opened the session, and only that one', async () => {
      await store.appendTurn(input({ owner: 'wx:o-alice' }));
      await store.appendTurn(input({ content: 'second', timestamp: '2023/11/03 15:30:05', owner: 'wx:o-mallory' }));
      expect((await store.getSession(SID))!.owner).toBe('wx:o-alice');
      await store.appendTurn(input({ sessionId: OTHER }));
      expect((await store.getSession(OTHER))!.owner).toBeNull();
    });

    it('keeps sequence numbers per session', async () => {
      await store.appendTurn(input());
      const other = await store.appendTurn(input({ sessionId: OTHER }));
      expect(other.kind === 'created' && other.turn.seq).toBe(1);
    });

    it('treats a retry with the same clientMsgId as a duplicate', async () => {
      const id = '11111111-2222-4333-8444-555555555555';
      await store.appendTurn(input({ clientMsgId: id }));
      const again = await store.appendTurn(input({ clientMsgId: id, content: 'changed', timestamp: '2023/11/03 15:31:00' }));
      expect(again.kind).toBe('duplicate');
      expect(again.kind === 'duplicate' && again.turn.seq).toBe(1);
      expect((await store.getSession(SID))!.lastSeq).toBe(1);
    });

    it('treats the same timestamp + content without clientMsgId as a duplicate, but not other content', async () => {
      await store.appendTurn(input());
      expect((await store.appendTurn(input())).kind).toBe('duplicate');
      expect((await store.appendTurn(input({ content: '另一个问题' }))).kind).toBe('created');
      expect((await store.appendTurn(input({ timestamp: '2023/11/03 15:30:01' }))).kind).toBe('created');
    });

    it('refuses when too many turns are unsettled', async () => {
      for (let i = 0; i < 3; i++) await store.appendTurn(input({ content: `q${i}`, maxPending: 3 }));
      const r = await store.appendTurn(input({ content: 'q3', maxPending: 3 }));
      expect(r).toEqual({ kind: 'busy', pending: 3 });
      expect(await store.startTurn(SID, 1)).toBe(true);
      await store.settleTurn(SID, 1, done('a'));
      expect((await store.appendTurn(input({ content: 'q3', maxPending: 3 }))).kind).toBe('created');
    });

    it('refuses past the per-session message quota, but still recognises retries', async () => {
      await store.appendTurn(input({ content: 'a', maxTurns: 2 }));
      await store.appendTurn(input({ content: 'b', maxTurns: 2 }));
      expect(await store.appendTurn(input({ content: 'c', maxTurns: 2 }))).toEqual({ kind: 'quota', limit: 2 });
      expect((await store.appendTurn(input({ content: 'b', maxTurns: 2 }))).kind).toBe('duplicate');
    });

    it('refuses a new session at the live-session limit, not an existing one', async () => {
      await store.appendTurn(input({ maxLiveSessions: 1 }));
      expect((await store.appendTurn(input({ sessionId: OTHER, maxLiveSessions: 1 }))).kind).toBe('full');
      expect((await store.appendTurn(input({ content: 'more', maxLiveSessions: 1 }))).kind).toBe('created');
    });

    it('finds turns: latest, at-or-after a timestamp, after a seq', async () => {
      await store.appendTurn(input({ content: 'a', timestamp: '2023/11/03 15:30:00' }));
      await store.appendTurn(input({ content: 'b', timestamp: '2023/11/03 15:31:00' }));
      await store.appendTurn(input({ content: 'c', timestamp: '2023/11/03 15:32:00' }));
      expect((await store.findTurn(SID, { kind: 'latest' }))?.content).toBe('c');
      expect((await store.findTurn(SID, { kind: 'atOrAfter', timestamp: '2023/11/03 15:31:00' }))?.content).toBe('c');
      expect((await store.findTurn(SID, { kind: 'atOrAfter', timestamp: '2023/11/03 15:32:00' }))?.content).toBe('c');
      expect(await store.findTurn(SID, { kind: 'atOrAfter', timestamp: '2023/11/03 15:32:01' })).toBeUndefined();
      expect((await store.findTurn(SID, { kind: 'after', seq: 1 }))?.content).toBe('b');
      expect(await store.findTurn(SID, { kind: 'after', seq: 3 })).toBeUndefined();
      expect(await store.findTurn(OTHER, { kind: 'latest' })).toBeUndefined();
      expect((await store.turnsAfter(SID, 1, 10)).map((t) => t.seq)).toEqual([2, 3]);
      expect((await store.turnsAfter(SID, 0, 2)).map((t) => t.seq)).toEqual([1, 2]);
    });

    it('starts, checkpoints and settles a turn exactly once', async () => {
      await store.appendTurn(input());
      expect(await store.startTurn(SID, 1)).toBe(true);
      expect(await store.startTurn(SID, 1)).toBe(false);
      await store.savePartial(SID, 1, '先检查');
      expect(await store.getTurn(SID, 1)).toMatchObject({ status: 'generating', reply: '先检查' });
      const sources = [{ title: 'BGP实验ping不通怎么办' }];
      const suggestions = ['BGP邻居一直是Idle状态怎么办？', 'display bgp peer输出怎么看？'];
      expect(await store.settleTurn(SID, 1, { ...done('先检查邻居'), sources, suggestions })).toBe(true);
      expect(await store.settleTurn(SID, 1, done('second writer'))).toBe(false);
      await store.savePartial(SID, 1, 'late partial');
      expect(await store.getTurn(SID, 1)).toMatchObject({
        status: 'completed',
        reply: '先检查邻居',
        replyTimestamp: '2023/11/03 15:30:02',
        sources,
        suggestions,
        errorCode: null,
      });
    });

    it('stores failures with their code', async () => {
      await store.appendTurn(input());
      await store.startTurn(SID, 1);
      await store.settleTurn(SID, 1, {
        status: 'failed',
        reply: 'part',
        replyTimestamp: '2023/11/03 15:30:09',
        errorCode: 'UPSTREAM_TIMEOUT',
        errorMessage: 'too slow',
      });
      expect(await store.getTurn(SID, 1)).toMatchObject({ status: 'failed', errorCode: 'UPSTREAM_TIMEOUT', errorMessage: 'too slow' });
    });

    it('stores a reply blocked by moderation as settled, and keeps it in the history', async () => {
      await store.appendTurn(input());
      await store.startTurn(SID, 1);
      expect(await store.settleTurn(SID, 1, { status: 'blocked', reply: '抱歉，这个问题我暂时无法回答。', replyTimestamp: '2023/11/03 15:30:09' })).toBe(true);
      expect(await store.settleTurn(SID, 1, done('second writer'))).toBe(false);
      expect(await store.getTurn(SID, 1)).toMatchObject({ status: 'blocked', reply: '抱歉，这个问题我暂时无法回答。', errorCode: null });
      expect(await store.nextUnsettled(SID)).toBeUndefined();
      expect((await store.history(SID, 2, 10)).map((t) => t.status)).toEqual(['blocked']);
    });

    it('lists unsettled work in order, and requeues a crashed turn', async () => {
      await store.appendTurn(input({ content: 'a' }));
      await store.appendTurn(input({ content: 'b' }));
      await store.appendTurn(input({ sessionId: OTHER }));
      expect((await store.sessionsWithUnsettled()).sort()).toEqual([OTHER, SID].sort());
      expect((await store.nextUnsettled(SID))?.seq).toBe(1);
      await store.startTurn(SID, 1);
      await store.savePartial(SID, 1, 'half');
      expect((await store.nextUnsettled(SID))?.seq).toBe(1);
      expect(await store.requeueTurn(SID, 1)).toBe(true);
      expect(await store.getTurn(SID, 1)).toMatchObject({ status: 'pending', reply: '' });
      await store.startTurn(SID, 1);
      await store.settleTurn(SID, 1, done('x'));
      expect(await store.requeueTurn(SID, 1)).toBe(false);
      expect((await store.nextUnsettled(SID))?.seq).toBe(2);
    });

    it('gives history of settled turns, newest first', async () => {
      for (const c of ['a', 'b', 'c']) await store.appendTurn(input({ content: c }));
      for (const seq of [1, 2]) {
        await store.startTurn(SID, seq);
        await store.settleTurn(SID, seq, done(`r${seq}`));
      }
      expect((await store.history(SID, 3, 10)).map((t) => [t.content, t.reply])).toEqual([
        ['b', 'r2'],
        ['a', 'r1'],
      ]);
      expect((await store.history(SID, 3, 1)).map((t) => t.seq)).toEqual([2]);
    });

    it('closes a session: refuses sends, deletes turns, stops work, idempotent', async () => {
      await store.appendTurn(input());
      expect(await store.closeSession(SID, 5_000, false)).toBe(true);
      expect(await store.closeSession(SID, 6_000, false)).toBe(false);
      expect((await store.getSession(SID))?.closedAt).toBe(5_000);
      expect(await store.getTurn(SID, 1)).toBeUndefined();
      expect((await store.appendTurn(input({ content: 'again' }))).kind).toBe('closed');
      expect(await store.sessionsWithUnsettled()).toEqual([]);
      expect(await store.liveSessions()).toBe(0);
    });

    it('retains the transcript when asked, but starts no work on it', async () => {
      await store.appendTurn(input());
      await store.closeSession(SID, 5_000, true);
      expect(await store.getTurn(SID, 1)).toMatchObject({ content: input().content });
      expect(await store.nextUnsettled(SID)).toBeUndefined();
      expect(await store.startTurn(SID, 1)).toBe(false);
    });

    // Regression: 1,000 destroys of never-used ids made 1,000 tombstones kept for a day, outside every limit.
    it('closing an unknown id leaves nothing behind', async () => {
      expect(await store.closeSession(OTHER, 5_000, false)).toBe(false);
      expect(await store.getSession(OTHER)).toBeUndefined();
      expect(await store.purgeClosed(Number.MAX_SAFE_INTEGER)).toBe(0);
      expect(await store.liveSessions()).toBe(0);
    });

    it('finds idle sessions and purges old tombstones', async () => {
      await store.appendTurn(input({ now: 1_000 }));
      await store.appendTurn(input({ sessionId: OTHER, now: 9_000 }));
      expect(await store.idleSessions(5_000, 10)).toEqual([SID]);
      await store.touchSession(SID, 10_000);
      expect(await store.idleSessions(5_000, 10)).toEqual([]);
      await store.closeSession(SID, 20_000, true);
      expect(await store.idleSessions(50_000, 10)).toEqual([OTHER]);
      expect(await store.purgeClosed(10_000)).toBe(0);
      expect(await store.purgeClosed(30_000)).toBe(1);
      expect(await store.getSession(SID)).toBeUndefined();
      expect(await store.getTurn(SID, 1)).toBeUndefined();
    });

    describeIdleExpiry(() => store, input);
    describeFeedbackStore(() => store);
    describeOwnedSessions(() => store, input);
    describeRetentionStore(() => store);
    describeSessionClaims(() => store);
    describeKnowledgeStore(() => store);
    describeSettledTurns(() => store, input);
    describeCourseRecords(() => store, input);
    describePartialBatches(() => store, input);

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
