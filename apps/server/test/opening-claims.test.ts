import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/adapters/memory/memory-store.js';
import { LoginTokens } from '../src/auth/login-token.js';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { apiAs } from './auth-client.js';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

/** A memory store that counts claim releases. */
class CountingStore extends MemoryStore {
  releases = 0;
  override async releaseClaim(sessionId: string): Promise<void> {
    this.releases++;
    return super.releaseClaim(sessionId);
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the claim on a session id when its first message opens it', () => {
  it("is released for a WeChat user, whose socket or send claimed it; another user's socket then meets the owner's guard", async () => {
    const store = new CountingStore();
    server = await startTestServer({ store, env: { AUTH: 'wx-login', AUTH_SECRET: SECRET, AUTH_TOKEN_TTL: '1h', WX_APPID: 'wx-test-app', WX_SECRET: 'wx-test-secret' } });
    const tokens = new LoginTokens({ secret: SECRET, ttlMs: 3_600_000 });
    const as = async (openid: string) => apiAs(server!.url, { Authorization: `Bearer ${(await tokens.issue({ openid })).token}` });
    const alice = await as('o-alice');
    const sid = newSessionId();
    const sock = await alice.socket(server.wsUrl, sid);
    expect((await alice.send(sid, '你好', ts(0))).body.data).toEqual({ seq: 1 });
    expect(store.releases).toBe(1);
    expect(await store.sessionClaimant(sid, Date.now())).toBeUndefined();
    expect((await alice.send(sid, '再问', ts(1))).body.data).toEqual({ seq: 2 });
    expect(store.releases).toBe(1);
    expect(await (await as('o-bob')).refusedUpgrade(server.wsUrl, sid)).toMatchObject({ status: 404 });
    sock.ws.close();
  });

  it('is not looked for under AUTH=none, where nobody claims', async () => {
    const store = new CountingStore();
    server = await startTestServer({ store });
    const sid = newSessionId();
    expect((await apiAs(server.url).send(sid, '你好', ts(0))).body.data).toEqual({ seq: 1 });
    expect(store.releases).toBe(0);
    expect(await store.sessionClaimant(sid, Date.now())).toBeUndefined();
  });
});
