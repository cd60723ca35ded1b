import { formatTimestamp } from '@mpchat/contract';
import { describe, expect, it } from 'vitest';
import { engineSettlement, replyTimestamp } from './engine-settlement.js';

describe('replyTimestamp', () => {
  it('writes what formatTimestamp writes, across seconds, zones and a repeat of an earlier second', () => {
    const base = Date.UTC(2026, 2, 29, 0, 59, 58, 400); // a daylight-saving change in Europe/Berlin at 01:00 UTC
    const instants = [base, base + 300, base + 700, base + 1_600, base + 2_000, base + 3_600_000, base, base + 100];
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'UTC', 'Asia/Shanghai']) {
      for (const at of instants) expect(replyTimestamp(at, zone)).toBe(formatTimestamp(new Date(at), zone));
    }
  });

  it('is what a settlement carries', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const s = engineSettlement({ text: 'x', sources: [], suggestions: [], matched: null, failure: undefined, reason: undefined, blockedReply: undefined, settledAt: at, timeZone: 'Asia/Shanghai' });
    expect(s.replyTimestamp).toBe('2026/01/02 11:04:05');
  });
});
