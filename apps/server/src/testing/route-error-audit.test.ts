import { describe, expect, it } from 'vitest';
import { routeOf, unlistedErrors } from './route-error-audit.js';

describe('the route error audit (the check itself works)', () => {
  it('names a route by method and path, and nothing else', () => {
    expect(routeOf('POST', 'http://127.0.0.1:1/mpweixin/chatbot/send')).toBe('send');
    expect(routeOf('GET', 'http://127.0.0.1:1/mpweixin/chatbot/send')).toBeUndefined();
    expect(routeOf('GET', 'http://127.0.0.1:1/healthz')).toBeUndefined();
  });

  it('names a route with path parameters, a parameter being one segment, and prefers a fixed path', () => {
    expect(routeOf('POST', 'http://127.0.0.1:1/admin/unanswered/0123456789abcdef/answer')).toBe('adminUnansweredAnswer');
    expect(routeOf('GET', 'http://127.0.0.1:1/admin/kb/entries/05-bgp-1/versions')).toBe('adminKbVersions');
    expect(routeOf('GET', 'http://127.0.0.1:1/admin/kb/entries/05-bgp-1')).toBe('adminKbEntry');
    expect(routeOf('GET', 'http://127.0.0.1:1/admin/kb/synonyms/versions')).toBe('adminSynonymsVersions');
    expect(routeOf('GET', 'http://127.0.0.1:1/admin/conversations/a/b')).toBeUndefined();
  });

  it('reports an error a route answered that its list lacks, not common or listed ones', () => {
    const seen = new Map([['send', new Set(['BUSY', 'INTERNAL', 'CONTENT_REJECTED'])]]);
    expect(unlistedErrors(seen, { send: { errors: ['BUSY'] } })).toEqual(['send: CONTENT_REJECTED']);
  });
});
