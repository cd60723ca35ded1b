import { describe, expect, it } from 'vitest';
import type { Turn } from '../ports/store.js';
import { engineMemory } from './engine-memory.js';

const turn = (sessionId: string, seq: number): Turn => ({ sessionId, seq, content: `q${seq}`, reply: `a${seq}` }) as Turn;

/** A store of settled turns per session that counts its reads. */
function store(sessions: Record<string, { turns: number; continuedFrom?: string }>) {
  const reads = { history: 0, session: 0 };
  return {
    reads,
    async history(sessionId: string, beforeSeq: number, limit: number) {
      reads.history++;
      const n = Math.min(sessions[sessionId]?.turns ?? 0, beforeSeq - 1);
      return Array.from({ length: n }, (_, i) => turn(sessionId, n - i)).slice(0, limit);
    },
    async getSession(sessionId: string) {
      reads.session++;
      const s = sessions[sessionId];
      return s ? ({ id: sessionId, continuedFrom: s.continuedFrom } as never) : undefined;
    },
  };
}

describe('engineMemory', () => {
  it('answers the first turn without reading its own history, and still takes the continued session', async () => {
    const s = store({ new: { turns: 0, continuedFrom: 'old' }, old: { turns: 3 } });
    expect(await engineMemory(s, 'new', 1, 2)).toEqual([
      { user: 'q3', assistant: 'a3' },
      { user: 'q2', assistant: 'a2' },
    ]);
    expect(s.reads).toEqual({ history: 1, session: 1 });
  });

  it('reads a later turn its own earlier turns, newest first, and the session only while there is room', async () => {
    const s = store({ a: { turns: 5 } });
    expect(await engineMemory(s, 'a', 3, 2)).toEqual([
      { user: 'q2', assistant: 'a2' },
      { user: 'q1', assistant: 'a1' },
    ]);
    expect(s.reads).toEqual({ history: 1, session: 0 });
    expect(await engineMemory(s, 'a', 2, 4)).toEqual([{ user: 'q1', assistant: 'a1' }]);
    expect(s.reads).toEqual({ history: 2, session: 1 });
  });
});
