import { expect, it } from 'vitest';
import type { AppendTurnInput, ChatStore } from '../ports/store.js';

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const OTHER = '0f0e5c1a-6a9b-4a55-8e1e-3b9a3f1f2c00';
const GONE = '5b1e9d2c-3f4a-4e8b-9c7d-1a2b3c4d5e6f';

/**
 * `savePartials`, the batched checkpoint of generating turns' partial text: part of the store
 * conformance suite, run by `describeStore` on every adapter.
 */
export function describePartialBatches(store: () => ChatStore, input: (patch?: Partial<AppendTurnInput>) => AppendTurnInput): void {
  it('saves the partial replies of many turns in one batch, skipping settled and unknown turns', async () => {
    await store().appendTurn(input({ content: 'a' }));
    await store().appendTurn(input({ content: 'b', timestamp: '2023/11/03 15:30:01' }));
    await store().appendTurn(input({ sessionId: OTHER }));
    for (const [sid, seq] of [[SID, 1], [SID, 2], [OTHER, 1]] as const) expect(await store().startTurn(sid, seq)).toBe(true);
    await store().settleTurn(SID, 2, { status: 'completed', reply: '已结算', replyTimestamp: '2023/11/03 15:30:02' });
    await store().savePartials([
      { sessionId: SID, seq: 1, reply: '先检查邻居' },
      { sessionId: SID, seq: 2, reply: 'late partial' },
      { sessionId: OTHER, seq: 1, reply: "quote ' and \\ kept" },
      { sessionId: GONE, seq: 1, reply: 'nobody' },
      { sessionId: SID, seq: 9, reply: 'no such turn' },
    ]);
    expect(await store().getTurn(SID, 1)).toMatchObject({ status: 'generating', reply: '先检查邻居' });
    expect(await store().getTurn(SID, 2)).toMatchObject({ status: 'completed', reply: '已结算' });
    expect(await store().getTurn(OTHER, 1)).toMatchObject({ status: 'generating', reply: "quote ' and \\ kept" });
    expect(await store().getTurn(GONE, 1)).toBeUndefined();
    expect(await store().getTurn(SID, 9)).toBeUndefined();
    await store().savePartials([]);
    await store().savePartials([{ sessionId: SID, seq: 1, reply: '先检查邻居的状态' }]);
    expect((await store().getTurn(SID, 1))?.reply).toBe('先检查邻居的状态');
  });

  it('saves a batch larger than one statement or script of the adapter', async () => {
    const ids = Array.from({ length: 520 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const sessionId of ids) {
      await store().appendTurn(input({ sessionId, maxLiveSessions: 10_000 }));
      await store().startTurn(sessionId, 1);
    }
    await store().savePartials(ids.map((sessionId, i) => ({ sessionId, seq: 1, reply: `第${i}段：${'文'.repeat(i % 50)}` })));
    for (const i of [0, 199, 200, 499, 500, 519]) expect((await store().getTurn(ids[i]!, 1))?.reply).toBe(`第${i}段：${'文'.repeat(i % 50)}`);
  });
}
