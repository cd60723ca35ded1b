// Edges found broken by trying the server as an attacker would; each test is named after what broke.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../src/testing/raw-http.js';
import { newSessionId, post, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const API = '/mpweixin/chatbot';
const sendBody = () => JSON.stringify({ sessionId: newSessionId(), content: '你好', timestamp: ts() });

/** The envelope every error carries, with code = HTTP status. */
function expectEnvelope(r: { status: number; headers: Record<string, string>; body: string }, status: number, error: string): void {
  expect(r.status).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(r.body)).toMatchObject({ code: status, error, data: {} });
}

function postRaw(path: string, body: Buffer | string, headers: Record<string, string>) {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const head = Object.entries({ Host: 'x', 'Content-Length': String(buf.length), Connection: 'close', ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return rawRequest(s.url, Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\n${head}\r\n`), buf]));
}

describe('bodies', () => {
  const gz = gzipSync(sendBody());
  it.each([
    ['gzip', Buffer.from('not gzip at all')],
    ['gzip', gz.subarray(0, gz.length - 8)],
    ['deflate', Buffer.from('garbage')],
    ['br', Buffer.from([0xff, 0xff, 0xff, 0xff])],
  ])('a corrupt Content-Encoding %s answers 400 INVALID_ARGUMENT, not 500', async (encoding, body) => {
    const r = await postRaw(`${API}/send`, body, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
    expectEnvelope(r, 400, 'INVALID_ARGUMENT');
  });

  it('a valid compressed body still works', async () => {
    for (const [encoding, body] of [['gzip', gzipSync(sendBody())], ['deflate', deflateSync(sendBody())], ['br', brotliCompressSync(sendBody())]] as const) {
      const r = await postRaw(`${API}/send`, body, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
      expect(r.status, encoding).toBe(200);
    }
  });

  it('an unknown Content-Encoding answers 415', async () => {
    const r = await postRaw(`${API}/send`, sendBody(), { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd-ish' });
    expectEnvelope(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(['utf-16', 'UTF-16LE', 'klingon', 'latin1'])('Content-Type charset=%s answers 415 instead of being decoded as UTF-8', async (charset) => {
    const r = await postRaw(`${API}/send`, sendBody(), { 'Content-Type': `application/json; charset=${charset}` });
    expectEnvelope(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('charset=utf-8 in any case is accepted', async () => {
    const r = await postRaw(`${API}/send`, sendBody(), { 'Content-Type': 'application/json; charset=UTF-8' });
    expect(r.status).toBe(200);
  });

  it.each(['\u0000', '\u0000\u0000 \u200b', '\u200b\ufeff'])('a message of only %j fails the not-blank check', async (content) => {
    const r = await post(`${s.url}${API}/send`, { sessionId: newSessionId(), content, timestamp: ts() });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'content' }] });
  });
});

describe('request targets and parser refusals', () => {
  it('a request target like http://[ answers a 400 envelope, not a plain-text 500', async () => {
    const r = await rawRequest(s.url, 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expectEnvelope(r, 400, 'INVALID_ARGUMENT');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('the same target on a WebSocket upgrade answers a 400 envelope, not 500', async () => {
    const r = await rawRequest(
      s.url,
      'GET http://[ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expectEnvelope(r, 400, 'INVALID_ARGUMENT');
  });

  it("Node's parser refusal of a malformed request answers the envelope, not an empty 400", async () => {
    const r = await rawRequest(s.url, 'GARBAGE\r\n\r\n');
    expectEnvelope(r, 400, 'INVALID_ARGUMENT');
    expect(JSON.parse(r.body).requestId).toBe(r.headers['x-request-id']);
    expect(r.headers['x-request-id']).toMatch(/^[\w-]{36}$/);
  });

  it("Node's parser refusal of oversized headers answers a 431 envelope", async () => {
    const r = await rawRequest(s.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectEnvelope(r, 431, 'HEADERS_TOO_LARGE');
  });

  it('a non-websocket Upgrade (h2c) falls through to normal HTTP instead of 404', async () => {
    const r = await rawRequest(s.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ code: 200, message: 'alive' });
  });

  it('a non-websocket Upgrade of an API route answers as that route does', async () => {
    const r = await rawRequest(s.url, `GET ${API}/receive HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n`);
    expectEnvelope(r, 400, 'INVALID_ARGUMENT');
  });
});

describe("the ws library's handshake refusals answer the JSON envelope, not text/html", () => {
  const upgrade = (lines: string[], method = 'GET') =>
    rawRequest(s.url, [`${method} ${API}/ws?sessionId=${newSessionId()} HTTP/1.1`, 'Host: x', 'Connection: Upgrade', 'Upgrade: websocket', ...lines, '', ''].join('\r\n'));

  it('missing Sec-WebSocket-Key', async () => {
    expectEnvelope(await upgrade(['Sec-WebSocket-Version: 13']), 400, 'INVALID_ARGUMENT');
  });

  it('bad Sec-WebSocket-Version, saying which versions work', async () => {
    const r = await upgrade(['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 7']);
    expectEnvelope(r, 400, 'INVALID_ARGUMENT');
    expect(r.headers['sec-websocket-version']).toBe('13, 8');
  });

  it('a POST upgrade', async () => {
    const r = await upgrade(['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', 'Content-Length: 0'], 'POST');
    expectEnvelope(r, 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('a refused WebSocket upgrade carries its request id, like every other error answer', () => {
  const upgrade = (target: string, lines: string[]) =>
    rawRequest(s.url, [`GET ${target} HTTP/1.1`, 'Host: x', 'Connection: Upgrade', 'Upgrade: websocket', ...lines, '', ''].join('\r\n'));
  const handshake = ['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13'];

  it.each([
    ['a bad session id (the gateway refuses)', `${API}/ws?sessionId=nope`, handshake, 400],
    ['an unknown path (the gateway refuses)', `${API}/elsewhere`, handshake, 404],
    ['a missing Sec-WebSocket-Key (the ws library refuses)', `${API}/ws?sessionId=${newSessionId()}`, ['Sec-WebSocket-Version: 13'], 400],
  ])('%s: echoes the caller X-Request-Id in the header and the body', async (_what, target, lines, status) => {
    const r = await upgrade(target, [...lines, 'X-Request-Id: trace-ws-1']);
    expect(r.status).toBe(status);
    expect(r.headers['x-request-id']).toBe('trace-ws-1');
    expect(JSON.parse(r.body)).toMatchObject({ code: status, requestId: 'trace-ws-1' });
  });

  it('gives one when the caller sent none', async () => {
    const r = await upgrade(`${API}/ws?sessionId=nope`, handshake);
    const body = JSON.parse(r.body) as { requestId?: string };
    expect(body.requestId).toMatch(/^[\w.:-]{8,64}$/);
    expect(r.headers['x-request-id']).toBe(body.requestId);
  });
});

describe('destroy', () => {
  it('destroy of a never-used id leaves nothing behind (no tombstone): the id can still start a conversation', async () => {
    const sid = newSessionId();
    const d = await post(`${s.url}${API}/destroy`, { sessionId: sid });
    expect(d.body).toEqual({ code: 200, message: 'session already closed' });
    expect(await s.store.getSession(sid)).toBeUndefined();
    const r = await post(`${s.url}${API}/send`, { sessionId: sid, content: '你好', timestamp: ts() });
    expect(r.status).toBe(200);
  });
});
