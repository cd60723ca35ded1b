import { expect, it } from 'vitest';
import type { AppendTurnInput, ChatStore } from '../ports/store.js';

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const OTHER = '0f0e5c1a-6a9b-4a55-8e1e-3b9a3f1f2c00';

/**
 * The store conformance tests of idle expiry (batch claims, admission past the idle TTL), run by
 * {@link describeStore} for every adapter. `current` returns the test's fresh store; `input` builds
 * an append request for session SID.
 */
export function describeIdleExpiry(current: () => ChatStore, input: (patch?: Partial<AppendTurnInput>) => AppendTurnInput): void {
  it('closes idle sessions in batches, atomically, leaving tombstones', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    for (const [i, sessionId] of ids.entries()) await current().appendTurn(input({ sessionId, now: 1_000 + i }));
    await current().appendTurn(input({ now: 9_000 }));
    const first = await current().closeIdle(5_000, 3, 20_000, false);
    expect(first).toHaveLength(3);
    const rest = await current().closeIdle(5_000, 3, 20_000, false);
    expect([...first, ...rest].map((c) => c.id).sort()).toEqual(ids);
    expect([...first, ...rest].every((c) => c.owner === null)).toBe(true);
    expect(await current().closeIdle(5_000, 3, 20_000, false)).toEqual([]);
    expect(await current().liveSessions()).toBe(1);
    expect((await current().getSession(ids[0]!))?.closedAt).toBe(20_000);
    expect(await current().getTurn(ids[0]!, 1)).toBeUndefined();
    expect((await current().appendTurn(input({ sessionId: ids[0]!, content: 'again' }))).kind).toBe('closed');
    expect(await current().getSession(SID)).toMatchObject({ closedAt: null });
    expect(await current().purgeClosed(30_000)).toBe(5);
  });

  it('never closes a session touched after the cutoff, and keeps transcripts when asked', async () => {
    await current().appendTurn(input({ now: 1_000 }));
    await current().appendTurn(input({ sessionId: OTHER, now: 1_000 }));
    await current().touchSession(OTHER, 6_000);
    expect(await current().closeIdle(5_000, 10, 7_000, true)).toEqual([{ id: SID, owner: null }]);
    expect(await current().getTurn(SID, 1)).toMatchObject({ content: input().content });
    expect(await current().sessionsWithUnsettled()).toEqual([OTHER]);
  });

  it('concurrent batch claims never close a session twice', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
    for (const sessionId of ids) await current().appendTurn(input({ sessionId, now: 1_000 }));
    const batches = await Promise.all(Array.from({ length: 8 }, () => current().closeIdle(5_000, 7, 9_000, false)));
    const closed = batches.flat().map((c) => c.id);
    expect(closed.sort()).toEqual(ids);
    expect(await current().liveSessions()).toBe(0);
  });

  it('answers the owner of each session it closes, so its live-session slot can be given back', async () => {
    await current().appendTurn(input({ now: 1_000, owner: 'wx:o-alice' }));
    await current().appendTurn(input({ sessionId: OTHER, now: 1_000 }));
    const closed = await current().closeIdle(5_000, 10, 7_000, false);
    expect(closed.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [{ id: SID, owner: 'wx:o-alice' }, { id: OTHER, owner: null }].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('does not count sessions past their idle TTL toward the live-session limit', async () => {
    await current().appendTurn(input({ now: 1_000, maxLiveSessions: 1 }));
    const refused = await current().appendTurn(input({ sessionId: OTHER, now: 2_000, maxLiveSessions: 1, idleCutoff: 500 }));
    expect(refused).toEqual({ kind: 'full' });
    expect((await current().appendTurn(input({ sessionId: OTHER, now: 2_000, maxLiveSessions: 1 }))).kind).toBe('full');
    const admitted = await current().appendTurn(input({ sessionId: OTHER, now: 9_000, maxLiveSessions: 1, idleCutoff: 5_000 }));
    expect(admitted.kind).toBe('created');
  });
}
