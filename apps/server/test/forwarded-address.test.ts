import { afterEach, describe, expect, it } from 'vitest';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';
import { apiAs } from './auth-client.js';

// TRUST_PROXY=true behind the documented nginx, which *appends* the address it saw to whatever
// X-Forwarded-For the client sent. A client that writes a fresh fake address first on each request
// must still be counted as one address, over HTTP and over WebSocket.
let s: TestServer;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const sock of sockets.splice(0)) sock.ws.terminate();
  await s?.close();
});
/** What nginx forwards for a client at `real` that sent `X-Forwarded-For: <spoofed>`. */
const viaNginx = (spoofed: string, real: string) => ({ 'X-Forwarded-For': `${spoofed}, ${real}` });

describe('the client address behind a trusted proxy', () => {
  it('keys per-address limits by the entry the proxy appended, over HTTP', async () => {
    s = await startTestServer({ env: { TRUST_PROXY: 'true', LIMIT_SESSIONS_PER_MINUTE: '3', LIMIT_ADDRESS_FACTOR: '1' } });
    for (let i = 0; i < 3; i++) {
      expect((await apiAs(s.url, viaNginx(`10.66.0.${i}`, '203.0.113.9')).send(newSessionId(), '你好', ts(i))).status).toBe(200);
    }
    const refused = await apiAs(s.url, viaNginx('10.66.0.99', '203.0.113.9')).send(newSessionId(), '你好', ts(5));
    expect(refused.body).toMatchObject({ code: 429, error: 'RATE_LIMITED' });
    // Another real client behind the same proxy is not affected.
    expect((await apiAs(s.url, viaNginx('10.66.0.99', '198.51.100.4')).send(newSessionId(), '你好', ts(6))).status).toBe(200);
  });

  it('applies the same rule to WebSocket upgrades', async () => {
    s = await startTestServer({ env: { TRUST_PROXY: 'true', LIMIT_SOCKETS: '2', LIMIT_ADDRESS_FACTOR: '1' } });
    for (let i = 0; i < 2; i++) sockets.push(await apiAs(s.url, viaNginx(`10.66.1.${i}`, '203.0.113.9')).socket(s.wsUrl, newSessionId()));
    expect(await apiAs(s.url, viaNginx('10.66.1.99', '203.0.113.9')).refusedUpgrade(s.wsUrl, newSessionId())).toMatchObject({ status: 429 });
    sockets.push(await apiAs(s.url, viaNginx('10.66.1.99', '198.51.100.4')).socket(s.wsUrl, newSessionId()));
  });

  it('trusts as many appended entries as TRUST_PROXY_HOPS says (a load balancer in front of nginx)', async () => {
    s = await startTestServer({ env: { TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2', LIMIT_SESSIONS_PER_MINUTE: '1', LIMIT_ADDRESS_FACTOR: '1' } });
    expect((await apiAs(s.url, { 'X-Forwarded-For': '6.6.6.1, 203.0.113.9, 10.0.0.2' }).send(newSessionId(), '你好', ts())).status).toBe(200);
    expect((await apiAs(s.url, { 'X-Forwarded-For': '6.6.6.2, 203.0.113.9, 10.0.0.3' }).send(newSessionId(), '你好', ts())).status).toBe(429);
  });
});
