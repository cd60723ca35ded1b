import { routes } from '@mpchat/contract';
import { describe, expect, it } from 'vitest';
import { routePath, type AdminRouteName } from './admin-client.js';
import { ApiError } from './api-error.js';
import { withQuery } from './admin-fetch.js';

describe('the admin client', () => {
  it('fills a route path from the contract, encoding each parameter', () => {
    expect(routePath(routes.adminKbRevert.path, { id: '05-bgp-3' })).toBe('/admin/kb/entries/05-bgp-3/revert');
    expect(routePath(routes.adminConversation.path, { sessionId: 'a/b c' })).toBe('/admin/conversations/a%2Fb%20c');
    expect(() => routePath(routes.adminKbEntry.path, {})).toThrow('[console] missing path parameter id of /admin/kb/entries/{id}');
  });

  it('reaches every admin route of the contract by name, and no student route', () => {
    const admin: AdminRouteName[] = ['adminStats', 'adminUnanswered', 'adminKbSearch', 'adminForgetStudent'];
    for (const name of admin) expect(routes[name].path.startsWith('/admin/')).toBe(true);
    // @ts-expect-error the chatbot's send is not an admin route
    const notAdmin: AdminRouteName = 'send';
    expect(notAdmin).toBe('send');
  });

  it('leaves empty query values out', () => {
    expect(withQuery('/admin/conversations', { q: '', filter: undefined, limit: 30, cursor: null })).toBe('/admin/conversations?limit=30');
    expect(withQuery('/admin/stats', { from: '2026-12-01T00:00:00.000Z' })).toBe('/admin/stats?from=2026-12-01T00%3A00%3A00.000Z');
    expect(withQuery('/admin/stats')).toBe('/admin/stats');
  });

  it('reads an error envelope, and survives a body that is not one', () => {
    const e = ApiError.fromEnvelope(400, {
      code: 400,
      error: 'INVALID_ARGUMENT',
      message: 'invalid request',
      issues: [{ location: 'body', path: 'title', message: 'title: must not be empty' }],
      requestId: 'r-1',
    });
    expect([e.code, e.status, e.issues[0]?.message, e.requestId]).toEqual(['INVALID_ARGUMENT', 400, 'title: must not be empty', 'r-1']);
    const proxy = ApiError.fromEnvelope(502, undefined);
    expect([proxy.code, proxy.message, proxy.issues]).toEqual(['INTERNAL', 'HTTP 502', []]);
  });
});
