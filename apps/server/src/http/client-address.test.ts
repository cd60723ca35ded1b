import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

describe('the client address', () => {
  const xff = (v: string | string[]) => ({ 'x-forwarded-for': v });
  it('is the TCP peer without trusted proxies, whatever X-Forwarded-For says', () => {
    expect(clientAddress(xff('6.6.6.6'), '127.0.0.1', 0)).toBe('127.0.0.1');
  });
  it('is the entry the trusted proxy appended, not the one the client wrote first', () => {
    expect(clientAddress(xff('6.6.6.6, 203.0.113.9'), '127.0.0.1', 1)).toBe('203.0.113.9');
    expect(clientAddress(xff('6.6.6.6, 7.7.7.7 ,203.0.113.9, 10.0.0.2'), '127.0.0.1', 2)).toBe('203.0.113.9');
    expect(clientAddress(xff(['6.6.6.6', '203.0.113.9']), '127.0.0.1', 1)).toBe('203.0.113.9');
  });
  it('falls back to the leftmost entry when there are fewer than the hops, and to the peer without one', () => {
    expect(clientAddress(xff('203.0.113.9'), '127.0.0.1', 2)).toBe('203.0.113.9');
    expect(clientAddress({}, '127.0.0.1', 1)).toBe('127.0.0.1');
    expect(clientAddress(xff(' , '), '127.0.0.1', 1)).toBe('127.0.0.1');
  });
});
