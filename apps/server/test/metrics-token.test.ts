import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';

// /metrics shows the Node version and per-route traffic: METRICS_TOKEN keeps it for the scraper.
let s: TestServer;
afterEach(async () => {
  await s?.close();
});
const TOKEN = 'metrics-token-0123456789abcdef';
const scrape = (headers: Record<string, string> = {}) => fetch(`${s.url}/metrics`, { headers });

describe('GET /metrics', () => {
  it('with METRICS_TOKEN: 401 envelope without the token or with a wrong one, the exposition with it', async () => {
    s = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
    for (const headers of <Record<string, string>[]>[{}, { Authorization: `Bearer ${TOKEN}x` }, { Authorization: TOKEN }, { Authorization: `Basic ${TOKEN}` }]) {
      const r = await scrape(headers);
      expect(r.status).toBe(401);
      const body = await r.json();
      expect(body).toMatchObject({ code: 401, error: 'UNAUTHENTICATED' });
      expect(JSON.stringify(body)).not.toContain('nodejs_version');
    }
    const ok = await scrape({ Authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('mpchat_nodejs_version_info');
  });

  it('without METRICS_TOKEN stays open (the documented default: keep it off the public path at the proxy)', async () => {
    s = await startTestServer();
    expect((await scrape()).status).toBe(200);
  });

  it('refuses a METRICS_TOKEN too short to be a secret', async () => {
    await expect(startTestServer({ env: { METRICS_TOKEN: 'short' } })).rejects.toThrow(/^METRICS_TOKEN must be at least 16 characters/);
  });
});
