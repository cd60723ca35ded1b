import { describe, expect, it } from 'vitest';
import { routeOf, unlistedErrors } from './route-error-audit.js';

describe('the route error audit (the check itself works)', () => {
  it('names a route by method and path, and nothing else', () => {
    expect(routeOf('POST', 'http://127.0.0.1:1/mpweixin/chatbot/send')).toBe('send');
    expect(routeOf('GET', 'http://127.0.0.1:1/mpweixin/chatbot/send')).toBeUndefined();
    expect(routeOf('GET', 'http://127.0.0.1:1/healthz')).toBeUndefined();
  });

  it('reports an error a route answered that its list lacks, not common or listed ones', () => {
    const seen = new Map([['send', new Set(['BUSY', 'INTERNAL', 'CONTENT_REJECTED'])]]);
    expect(unlistedErrors(seen, { send: { errors: ['BUSY'] } })).toEqual(['send: CONTENT_REJECTED']);
  });
});
