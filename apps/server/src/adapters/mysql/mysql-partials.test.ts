import { describe, expect, it } from 'vitest';
import { slices } from './mysql-partials.js';

const turn = (i: number, chars: number) => ({ sessionId: `s${i}`, seq: 1, reply: 'x'.repeat(chars) });

describe('MySQL partial-reply statements', () => {
  it('cuts a batch by turns and by characters, never splitting one turn and never leaving an empty statement', () => {
    expect(slices([])).toEqual([]);
    expect(slices(Array.from({ length: 1_001 }, (_, i) => turn(i, 1))).map((s) => s.length)).toEqual([500, 500, 1]);
    expect(slices([turn(1, 600_000), turn(2, 600_000), turn(3, 10), turn(4, 2_000_000)]).map((s) => s.map((p) => p.sessionId))).toEqual([['s1'], ['s2', 's3'], ['s4']]);
  });
});
