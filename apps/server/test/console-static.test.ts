import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';

// The teachers' console is served from @mpchat/console's build (turbo builds it before the
// server's tests). Plain fetches here: what a browser gets for each kind of path.
describe('the console at /console', () => {
  let on: TestServer;
  let off: TestServer;
  beforeAll(async () => {
    on = await startTestServer({ env: { ADMIN_TOKEN: 'console-static-token-01' } });
    off = await startTestServer({ env: { ADMIN_TOKEN: 'console-static-token-01', CONSOLE: 'false' } });
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
  });

  it('serves the built page, its hashed scripts gzipped and cached for good, and its own routes', async () => {
    const bare = await fetch(`${on.url}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/console/');
    const page = await fetch(`${on.url}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<div id="app"></div>');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${on.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // A deep link of the app (a reload on /console/kb) gets the same page.
    const deep = await fetch(`${on.url}/console/conversations/80d5a793-0d16-4c15-9246-f6bc87e77ed6`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);
  });

  it('answers gzip only to clients that accept it', async () => {
    const html = await (await fetch(`${on.url}/console/`)).text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const zipped = await rawGet(`${on.url}${script}`, 'gzip');
    const plain = await rawGet(`${on.url}${script}`, 'identity');
    expect(zipped.encoding).toBe('gzip');
    expect(plain.encoding).toBeUndefined();
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  });

  it('answers a missing file with the 404 envelope, not the page', async () => {
    const res = await fetch(`${on.url}/console/assets/missing-0000.js`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 404, error: 'NOT_FOUND', message: 'no console file at /console/assets/missing-0000.js' });
    // The build manifest (for the bundle check) is not served.
    expect((await fetch(`${on.url}/console/.vite/manifest.json`)).status).toBe(404);
  });

  it('is off with CONSOLE=false', async () => {
    for (const path of ['/console', '/console/', '/console/kb']) {
      const res = await fetch(`${off.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'NOT_FOUND' });
    }
  });
});

/** A GET whose body is not decoded (fetch would gunzip it), with the encoding the server chose. */
function rawGet(url: string, acceptEncoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
