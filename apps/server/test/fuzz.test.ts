// A seeded fuzz of both doors: thousands of varied HTTP requests and WebSocket handshakes/frames.
// Whatever arrives, the server never answers 500, every body is the JSON envelope whose code is
// the HTTP status (code 100 travels as 200), and it still answers afterwards.
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawRequest } from '../src/testing/raw-http.js';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const HTTP_REQUESTS = Number(process.env.FUZZ_HTTP ?? 10_000);
const WS_HANDSHAKES = 300;
const WS_FRAMES = 2_000;
const CONCURRENCY = 12;

/** mulberry32: a small seeded PRNG, so a failure can be replayed with FUZZ_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick, int: (n: number) => Math.floor(next() * n) };
}

const rnd = prng(SEED);
const UUIDS = ['80d5a793-0d16-4c15-9246-f6bc87e77ed6', '80D5A793-0D16-4C15-9246-F6BC87E77ED6', 'a1b2c3d4-0000-4000-8000-000000000001'];
const strings = [
  '', ' ', '你好', '\u0000', '\u200b', '\ud800', '\udfff\ud800', '😀'.repeat(50), 'x'.repeat(2001), '网'.repeat(3000), 'A'.repeat(20_000),
  '<script>', "'; DROP TABLE turns; --", '%00', '../../etc/passwd', '\r\nX-Injected: 1', 'null', '1e309', '{"a":',
];
const values = [...strings, 0, -1, 1.5, 1e309, 2 ** 53, null, true, [], {}, [1, 2], { $gt: '' }, ...UUIDS];
const timestamps = ['2023/11/03 15:30:00', '2023/02/30 10:00:00', '2023-11-03T15:30:00Z', '9999/12/31 23:59:59', '0000/01/01 00:00:00', 'now'];
const paths = ['/mpweixin/chatbot/send', '/mpweixin/chatbot/receive', '/mpweixin/chatbot/destroy', '/mpweixin/chatbot/stop', '/mpweixin/chatbot/ws', '/healthz', '/readyz', '/', '/mpweixin', '/mpweixin/chatbot/', '/MPWEIXIN/CHATBOT/SEND', '/mpweixin/chatbot/send/', '/mpweixin//chatbot/send', '/%2e%2e/%2e%2e', '/mpweixin/chatbot/send%00', 'http://[', 'http://example.com/healthz', '*', '/a'.repeat(500)];
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND'];
const contentTypes = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json;;;', 'application/vnd.api+json'];

function randomObject(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const key of ['sessionId', 'content', 'timestamp', 'clientMsgId', 'seq']) {
    const r = rnd.next();
    if (r < 0.15) continue;
    if (key === 'sessionId' && r < 0.7) o[key] = rnd.pick(UUIDS);
    else if (key === 'timestamp' && r < 0.7) o[key] = rnd.pick(timestamps);
    else if (key === 'content' && r < 0.6) o[key] = rnd.pick(strings);
    else o[key] = rnd.pick(values);
  }
  if (rnd.next() < 0.1) o[rnd.pick(['__proto__', 'constructor', 'extra', ''])] = rnd.pick(values);
  return o;
}

function randomBody(): Buffer {
  const r = rnd.next();
  if (r < 0.55) return Buffer.from(JSON.stringify(randomObject()));
  if (r < 0.65) return Buffer.from(JSON.stringify(rnd.pick(values)));
  if (r < 0.75) return Buffer.from(JSON.stringify(randomObject()).slice(0, rnd.int(40)));
  if (r < 0.85) return Buffer.from(Array.from({ length: rnd.int(200) }, () => rnd.int(256)));
  return Buffer.from(rnd.pick(strings));
}

/** Percent-encodes like a client would; a lone surrogate becomes bytes that are not UTF-8. */
function enc(v: unknown): string {
  try {
    return encodeURIComponent(String(v));
  } catch {
    return '%ED%A0%80';
  }
}

function randomQuery(): string {
  const parts: string[] = [];
  if (rnd.next() < 0.8) parts.push(`sessionId=${enc(rnd.pick([...UUIDS, ...values]))}`);
  // Only wait values that never hold a request long: 0, or ones the schema refuses.
  if (rnd.next() < 0.3) parts.push(`wait=${rnd.pick(['0', '-1', 'abc', '26', '99999999999', '1.5', ''])}`);
  if (rnd.next() < 0.3) parts.push(`after=${rnd.pick(['0', '1', '-1', 'x', '1000000001', '007'])}`);
  if (rnd.next() < 0.3) parts.push(`timestamp=${enc(rnd.pick(timestamps))}`);
  if (rnd.next() < 0.1) parts.push(rnd.pick(['sessionId=a&sessionId=b', '%zz', '&&&', 'a[b]=c', '__proto__=1']));
  return parts.length ? `?${parts.join('&')}` : '';
}

interface Answer {
  status: number;
  body: string;
  method: string;
  target: string;
}

function send(url: URL, agent: Agent): Promise<Answer | undefined> {
  const method = rnd.pick(methods);
  const path = rnd.pick(paths);
  const target = path.startsWith('/') ? `${path}${randomQuery()}` : path;
  const headers: Record<string, string> = {};
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD' && rnd.next() < 0.9) {
    body = randomBody();
    const ct = rnd.pick(contentTypes);
    if (ct) headers['Content-Type'] = ct;
    const enc = rnd.next();
    if (enc < 0.05) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    } else if (enc < 0.1) headers['Content-Encoding'] = rnd.pick(['gzip', 'deflate', 'br', 'identity', 'x-unknown']);
    // Framed explicitly: node:http sends DELETE/OPTIONS bodies without Content-Length, which the server
    // rightly reads as a second, malformed request on the same connection (parser refusals: edges.test.ts).
    headers['Content-Length'] = String(body.length);
  }
  if (rnd.next() < 0.05) headers['X-Request-Id'] = rnd.pick(['ok-1', '<bad id>', 'x'.repeat(100)]);
  if (rnd.next() < 0.03) headers['X-Forwarded-For'] = rnd.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1']);
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = request({ host: url.hostname, port: url.port, method, path: target, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), method, target }));
        res.on('error', reject);
      });
    } catch {
      return resolve(undefined); // a target node:http itself refuses to send
    }
    req.on('error', (err) => reject(new Error(`${method} ${target.slice(0, 80)} ${JSON.stringify(headers)}: ${err.message}`)));
    req.end(body);
  });
}

/** The envelope rule: a body is JSON whose code is the status (100 → HTTP 200); never a 500. */
function checkAnswer(a: Answer, bad: string[]): void {
  const where = `${a.method} ${a.target.slice(0, 80)} → ${a.status}`;
  if (a.status >= 500) bad.push(`${where}: ${a.body.slice(0, 200)}`);
  if (a.body === '' || a.target.startsWith('/openapi.json')) return;
  let parsed: { code?: unknown };
  try {
    parsed = JSON.parse(a.body) as { code?: unknown };
  } catch {
    bad.push(`${where}: not JSON: ${a.body.slice(0, 100)}`);
    return;
  }
  const expected = parsed.code === 100 ? 200 : parsed.code;
  if (expected !== a.status) bad.push(`${where}: envelope code ${String(parsed.code)}`);
}

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { WS_RATE_PER_SECOND: '10000', WS_RATE_BURST: '10000', PLAYGROUND: 'false', METRICS: 'false' } });
});
afterAll(() => s.close());

describe(`fuzz (seed ${SEED})`, () => {
  it(`answers ${HTTP_REQUESTS} varied HTTP requests with the envelope, never 500`, async () => {
    const url = new URL(s.url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const bad: string[] = [];
    let sent = 0;
    let answered = 0;
    const worker = async () => {
      while (sent < HTTP_REQUESTS) {
        sent++;
        const a = await send(url, agent).catch((err: Error) => ({ status: -1, body: err.message, method: '?', target: '?' }));
        if (!a) continue;
        answered++;
        if (a.status === -1) bad.push(`connection failed: ${a.body}`);
        else checkAnswer(a, bad);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    expect(bad.slice(0, 20)).toEqual([]);
    expect(answered).toBeGreaterThan(HTTP_REQUESTS * 0.9);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it(`refuses ${WS_HANDSHAKES} odd WebSocket handshakes with the envelope`, async () => {
    const bad: string[] = [];
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    for (let i = 0; i < WS_HANDSHAKES; i++) {
      const target = rnd.next() < 0.8 ? `/mpweixin/chatbot/ws${randomQuery()}` : rnd.pick(paths);
      const lines = [
        `${rnd.pick(['GET', 'GET', 'POST', 'PUT'])} ${target} HTTP/1.1`,
        'Host: x',
        'Connection: Upgrade',
        `Upgrade: ${rnd.pick(['websocket', 'websocket', 'WebSocket', 'h2c', 'websocket, h2c'])}`,
        ...(rnd.next() < 0.85 ? [`Sec-WebSocket-Key: ${rnd.pick([key, key, 'short', ''])}`] : []),
        ...(rnd.next() < 0.85 ? [`Sec-WebSocket-Version: ${rnd.pick(['13', '13', '8', '7', 'x'])}`] : []),
        ...(rnd.next() < 0.1 ? ['Sec-WebSocket-Protocol: a,,b'] : []),
      ];
      const r = await rawRequest(s.url, `${lines.join('\r\n')}\r\n\r\n`);
      if (r.status === 101) continue;
      checkAnswer({ status: r.status, body: r.body, method: 'UPGRADE', target }, bad);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  }, 120_000);

  it(`answers ${WS_FRAMES} varied WebSocket frames with frames, never an internal error`, async () => {
    const bad: string[] = [];
    let frames = 0;
    const frameOf = (): string | Buffer => {
      const r = rnd.next();
      if (r < 0.04) return Buffer.from([rnd.int(256), rnd.int(256)]);
      if (r < 0.08) return rnd.pick(strings);
      const f: Record<string, unknown> = { type: rnd.pick(['send', 'send', 'resume', 'stop', 'ping', 'ping', 'pong', 'hello', '', 42]) };
      for (const k of ['content', 'timestamp', 'clientMsgId', 'after', 'seq', 't']) {
        const p = rnd.next();
        if (p < 0.3) continue;
        if (k === 'timestamp') f[k] = rnd.pick(timestamps);
        else if (k === 'content') f[k] = p < 0.7 ? rnd.pick(['你好', 'BGP?', ...strings]) : rnd.pick(values);
        else if (k === 'after' || k === 'seq' || k === 't') f[k] = p < 0.7 ? rnd.int(5) : rnd.pick(values);
        else f[k] = p < 0.7 ? crypto.randomUUID() : rnd.pick(values);
      }
      return JSON.stringify(f);
    };
    while (frames < WS_FRAMES) {
      const ws = new WebSocket(`${s.wsUrl}?sessionId=${crypto.randomUUID()}`);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      ws.on('message', (data) => {
        let f: { type?: string; code?: number; error?: string };
        try {
          f = JSON.parse(String(data)) as typeof f;
        } catch {
          bad.push(`not JSON: ${String(data).slice(0, 100)}`);
          return;
        }
        if (f.type === 'error' && (typeof f.code !== 'number' || f.code >= 500 || f.code < 400)) bad.push(`error frame ${JSON.stringify(f).slice(0, 200)}`);
      });
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      // Until the server closes it (5 malformed frames in a row) or 100 frames went.
      for (let i = 0; i < 100 && ws.readyState === WebSocket.OPEN && frames < WS_FRAMES; i++, frames++) {
        const f = frameOf();
        ws.send(f, { binary: Buffer.isBuffer(f) });
        if (i % 10 === 0) await new Promise((r) => setImmediate(r));
      }
      ws.close();
      await closed;
    }
    expect(bad.slice(0, 20)).toEqual([]);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
