import { describe, expect, it } from 'vitest';
import { adminConversationsQuerySchema } from './admin-conversations.js';
import { kbEntryUpdateSchema, kbEntryWriteSchema } from './admin-kb.js';
import { pseudonymSchema } from './admin-query.js';
import { adminRoutes } from './admin-routes.js';
import { routes } from './routes.js';
import { unansweredAnswerRequestSchema } from './admin-unanswered.js';
import type { RouteDef } from './route-def.js';

describe('the admin routes', () => {
  it('all need the admin token and live under /admin', () => {
    for (const [name, def] of Object.entries(adminRoutes) as [string, RouteDef][]) {
      expect(def.auth, name).toBe('admin');
      expect(def.path.startsWith('/admin/'), name).toBe(true);
      expect(def.errors, name).toContain('UNAUTHENTICATED');
      expect(def.errors, name).toContain('RATE_LIMITED');
    }
  });

  it('declare a schema for every path parameter, and no more', () => {
    for (const [name, def] of Object.entries(routes) as [string, RouteDef][]) {
      const inPath = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(def.params?.shape ?? {}), name).toEqual(inPath);
    }
  });

  it('have one operation per method and path', () => {
    const seen = new Set<string>();
    for (const def of Object.values(routes) as RouteDef[]) {
      const key = `${def.method} ${def.path}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });
});

describe('admin inputs', () => {
  it('refuse a filter the list does not know, and parse the time range', () => {
    expect(adminConversationsQuerySchema.safeParse({ filter: 'liked' }).success).toBe(false);
    expect(adminConversationsQuerySchema.parse({ from: '2026-12-01', limit: '20' })).toEqual({ from: Date.UTC(2026, 11, 1), limit: 20 });
    expect(adminConversationsQuerySchema.safeParse({ limit: '500' }).success).toBe(false);
  });

  it('refuse an entry without a title or with an export file that is not Markdown', () => {
    expect(kbEntryWriteSchema.safeParse({ title: '  ', body: 'x' }).success).toBe(false);
    expect(kbEntryWriteSchema.safeParse({ title: 'BGP', body: 'x', file: '../etc/passwd' }).success).toBe(false);
    expect(kbEntryUpdateSchema.parse({ title: ' BGP ', body: 'x', version: 3 })).toEqual({ title: 'BGP', body: 'x', version: 3 });
  });

  it('take a pseudonym only in its own shape (never an openid)', () => {
    expect(pseudonymSchema.safeParse('3f9a0c1d2e4b5a69').success).toBe(true);
    expect(pseudonymSchema.safeParse('oAbc123-openid_like').success).toBe(false);
  });

  it('answer a group with a new entry or with an existing one, never both or neither', () => {
    expect(unansweredAnswerRequestSchema.parse({ title: ' 食堂 ', body: '7:00 开门' })).toEqual({ title: '食堂', body: '7:00 开门' });
    expect(unansweredAnswerRequestSchema.parse({ entryId: '05-bgp-3' })).toEqual({ entryId: '05-bgp-3' });
    for (const body of [{}, { title: '食堂', body: 'x', entryId: '05-bgp-3' }, { title: '食堂' }]) {
      const r = unansweredAnswerRequestSchema.safeParse(body);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/entryId/);
    }
    // A bad field of either form still says which field.
    expect(unansweredAnswerRequestSchema.safeParse({ entryId: '../x' }).error!.issues[0]!.path).toEqual(['entryId']);
    expect(unansweredAnswerRequestSchema.safeParse({ title: ' ', body: 'x' }).error!.issues[0]!.path).toEqual(['title']);
  });
});
