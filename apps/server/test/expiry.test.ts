import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, testPrefix, until } from '@mpchat/testkit';
import { get, newSessionId, post, ts } from '../src/testing/test-server.js';
import { openSessions, seedSessions, startOn } from './expiry-servers.js';

const prefixes: string[] = [];
const prefix = () => {
  const p = testPrefix();
  prefixes.push(p);
  return p;
};
afterAll(async () => {
  for (const p of prefixes) await deleteKeys(REDIS_URL, p);
});

const STORES = ['memory', 'sqlite', 'redis', 'mysql'];
const SESSIONS = 3_000;
// One sweep every 4 s: the old sweeper (500 per sweep) needed 24 s for 3,000 sessions; the deadline is 5 s
// TTL + one sweep interval + 3 s after the last session was opened.
const TTL = { SESSION_IDLE_TTL: '5s', SWEEP_INTERVAL: '4s', MAX_LIVE_SESSIONS: '10000' };
const deadlineAfter = (opened: number) => opened + 5_000 + 4_000 + 3_000 - Date.now();

async function codesOfReceive(url: string, sessions: string[]): Promise<Set<unknown>> {
  const codes = new Set<unknown>();
  for (let i = 0; i < sessions.length; i += 50) {
    const rs = await Promise.all(sessions.slice(i, i + 50).map((sessionId) => get(`${url}/mpweixin/chatbot/receive`, { sessionId })));
    for (const r of rs) codes.add(`${r.body.code} ${r.body.error}`);
  }
  return codes;
}

// Regression: the sweeper closed at most 500 sessions per SWEEP_INTERVAL (~8/s by default).
describe.each(STORES)('idle expiry keeps up: %s', (store) => {
  it(`closes ${SESSIONS} sessions created with a 5 s TTL within a few seconds after the TTL, each once`, async () => {
    const s = await startOn(store, TTL, prefix());
    try {
      const sessions = Array.from({ length: SESSIONS }, () => newSessionId());
      await seedSessions(s.store, sessions);
      await until(() => sessions.every((id) => s.closed.has(id)), deadlineAfter(Date.now()), 'every session closed');
      expect(await codesOfReceive(s.url, sessions)).toEqual(new Set(['410 SESSION_CLOSED']));
      expect([...s.closed.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await s.close();
    }
  }, 60_000);

  it('lets a new user into a full server whose sessions have all expired, before any sweep', async () => {
    // The sweeper would run only in an hour: the live-session ceiling alone must not count expired sessions.
    // (Per-client live-session limits off: every request here comes from one address.)
    const s = await startOn(store, { SESSION_IDLE_TTL: '1s', SWEEP_INTERVAL: '1h', MAX_LIVE_SESSIONS: '3', LIMIT_LIVE_SESSIONS: '0' }, prefix());
    try {
      expect(await openSessions(s.url, [newSessionId(), newSessionId(), newSessionId()])).toEqual([200, 200, 200]);
      const refused = await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: newSessionId(), content: '你好', timestamp: ts() });
      expect(refused.body).toMatchObject({ code: 503, error: 'TOO_MANY_SESSIONS' });
      let code: unknown;
      await until(async () => {
        code = (await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: newSessionId(), content: '你好', timestamp: ts() })).body.code;
        return code !== 503;
      }, 8_000, 'a new user admitted');
      expect(code).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('idle expiry on two Redis instances', () => {
  it('shares the sweep: every session closed, none twice', async () => {
    const p = prefix();
    const [a, b] = [await startOn('redis', TTL, p), await startOn('redis', TTL, p)];
    try {
      const sessions = Array.from({ length: SESSIONS }, () => newSessionId());
      const half = SESSIONS / 2;
      await Promise.all([seedSessions(a.store, sessions.slice(0, half)), seedSessions(b.store, sessions.slice(half))]);
      const opened = Date.now();
      for (const s of [a, b]) await until(() => sessions.every((id) => s.closed.has(id)), deadlineAfter(opened), 'every session closed');
      for (const s of [a, b]) expect([...s.closed.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(await codesOfReceive(b.url, sessions)).toEqual(new Set(['410 SESSION_CLOSED']));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);
});
