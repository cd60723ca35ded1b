import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../src/ports/store.js';
import { MemoryStore } from '../src/adapters/memory/memory-store.js';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const good = { sessionId: SID, content: '你好', timestamp: '2023/11/03 15:30:00' };

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: string;
  contentType?: string | null;
  query?: Record<string, string>;
}

type Expect = { status: number; error: string; retryable?: boolean; issues?: { location: string; path: string }[]; message?: RegExp };

const json = (v: unknown) => JSON.stringify(v);

// Each bad request and the exact envelope it gets.
const table: [string, Req, Expect][] = [
  ['malformed JSON', { method: 'POST', path: 'send', body: '{"sessionId": ' }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: '' }], message: /not valid JSON/ }],
  ['text/plain body', { method: 'POST', path: 'send', body: json(good), contentType: 'text/plain' }, { status: 415, error: 'UNSUPPORTED_MEDIA_TYPE', message: /application\/json/ }],
  ['form body', { method: 'POST', path: 'send', body: 'sessionId=x', contentType: 'application/x-www-form-urlencoded' }, { status: 415, error: 'UNSUPPORTED_MEDIA_TYPE' }],
  ['no content type', { method: 'POST', path: 'destroy', body: json({ sessionId: SID }), contentType: null }, { status: 415, error: 'UNSUPPORTED_MEDIA_TYPE' }],
  ['body over 16 KB', { method: 'POST', path: 'send', body: json({ ...good, content: 'x'.repeat(17_000) }) }, { status: 413, error: 'PAYLOAD_TOO_LARGE' }],
  ['content over 2000 characters', { method: 'POST', path: 'send', body: json({ ...good, content: '网'.repeat(2001) }) }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'content' }], message: /content: must be at most 2000 characters/ }],
  ['empty JSON object', { method: 'POST', path: 'send', body: '{}' }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'sessionId' }, { location: 'body', path: 'content' }, { location: 'body', path: 'timestamp' }], message: /sessionId: is required/ }],
  ['empty body', { method: 'POST', path: 'send', body: '' }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: '' }], message: /JSON object/ }],
  ['JSON array body', { method: 'POST', path: 'send', body: '[]' }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: '' }], message: /JSON object/ }],
  ['JSON string body', { method: 'POST', path: 'send', body: '"hello"' }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: '' }] }],
  ['JSON null body', { method: 'POST', path: 'destroy', body: 'null' }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: '' }] }],
  ['bad sessionId', { method: 'POST', path: 'send', body: json({ ...good, sessionId: 'user-1' }) }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'sessionId' }], message: /sessionId: must be a UUID/ }],
  ['impossible timestamp', { method: 'POST', path: 'send', body: json({ ...good, timestamp: '2023/02/30 10:00:00' }) }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'timestamp' }], message: /day 30 does not exist/ }],
  ['ISO timestamp', { method: 'POST', path: 'send', body: json({ ...good, timestamp: '2023-11-03T15:30:00Z' }) }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'timestamp' }] }],
  ['whitespace content', { method: 'POST', path: 'send', body: json({ ...good, content: '   ' }) }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'content' }] }],
  ['bad clientMsgId', { method: 'POST', path: 'send', body: json({ ...good, clientMsgId: 'retry-1' }) }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'clientMsgId' }] }],
  ['receive without sessionId', { method: 'GET', path: 'receive' }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'query', path: 'sessionId' }], message: /invalid query: sessionId: is required/ }],
  ['receive with bad timestamp', { method: 'GET', path: 'receive', query: { sessionId: SID, timestamp: '15:30' } }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'query', path: 'timestamp' }] }],
  ['receive with wait 26', { method: 'GET', path: 'receive', query: { sessionId: SID, wait: '26' } }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'query', path: 'wait' }], message: /wait: must be at most 25/ }],
  ['receive with after=abc', { method: 'GET', path: 'receive', query: { sessionId: SID, after: 'abc' } }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'query', path: 'after' }] }],
  ['destroy with bad sessionId', { method: 'POST', path: 'destroy', body: json({ sessionId: 42 }) }, { status: 400, error: 'INVALID_ARGUMENT', issues: [{ location: 'body', path: 'sessionId' }], message: /sessionId: must be a string/ }],
  ['stop an unknown session', { method: 'POST', path: 'stop', body: json({ sessionId: '0f0e5c1a-6a9b-4a55-8e1e-3b9a3f1f2c00' }) }, { status: 404, error: 'SESSION_NOT_FOUND' }],
  ['GET on send', { method: 'GET', path: 'send' }, { status: 405, error: 'METHOD_NOT_ALLOWED' }],
  ['POST on receive', { method: 'POST', path: 'receive', body: '{}' }, { status: 405, error: 'METHOD_NOT_ALLOWED' }],
  ['DELETE on destroy', { method: 'DELETE', path: 'destroy' }, { status: 405, error: 'METHOD_NOT_ALLOWED' }],
  ['unknown endpoint', { method: 'GET', path: 'nope' }, { status: 404, error: 'NOT_FOUND', message: /no endpoint at GET \/mpweixin\/chatbot\/nope/ }],
];

async function call(base: string, r: Req) {
  const url = new URL(r.path.startsWith('/') ? r.path : `/mpweixin/chatbot/${r.path}`, base);
  for (const [k, v] of Object.entries(r.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  if (r.contentType !== null && r.body !== undefined) headers['Content-Type'] = r.contentType ?? 'application/json';
  const res = await fetch(url, { method: r.method, headers, ...(r.body !== undefined ? { body: r.body } : {}) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('every bad request gets the JSON envelope with an error code', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it.each(table)('%s', async (_name, req, want) => {
    const res = await call(s.url, req);
    expect(res.status).toBe(want.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ code: want.status, error: want.error, data: {}, retryable: want.retryable ?? false });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    if (want.message) expect(body.message).toMatch(want.message);
    if (want.issues) expect(body.issues.map((i: { location: string; path: string }) => ({ location: i.location, path: i.path }))).toEqual(want.issues);
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('ignores unknown fields', async () => {
    const res = await call(s.url, { method: 'POST', path: 'send', body: json({ ...good, sessionId: newSessionId(), extra: { deep: true } }) });
    expect(res.status).toBe(200);
  });

  it('echoes a safe X-Request-Id and replaces an unsafe one', async () => {
    const a = await fetch(`${s.url}/mpweixin/chatbot/nope`, { headers: { 'X-Request-Id': 'trace-123' } });
    expect(a.headers.get('x-request-id')).toBe('trace-123');
    const b = await fetch(`${s.url}/mpweixin/chatbot/nope`, { headers: { 'X-Request-Id': 'x'.repeat(200) } });
    expect(b.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document generated from the contract', async () => {
    const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/mpweixin/chatbot/send', '/mpweixin/chatbot/receive', '/mpweixin/chatbot/destroy']));
  });

  it('exposes Prometheus metrics that count envelope codes', async () => {
    await call(s.url, { method: 'GET', path: 'receive' });
    const text = await (await fetch(`${s.url}/metrics`)).text();
    expect(text).toMatch(/mpchat_http_responses_total\{route="\/mpweixin\/chatbot\/receive",code="400"\} \d+/);
    expect(text).toMatch(/mpchat_ws_connections 0/);
  });

  it('answers liveness and readiness', async () => {
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ code: 200, message: 'alive' });
    expect(await (await fetch(`${s.url}/readyz`)).json()).toEqual({ code: 200, message: 'ready', data: { store: 'ok', engine: 'ok' } });
  });
});

class BrokenStore extends MemoryStore {
  constructor(private readonly failure: Error) {
    super();
  }
  override async getSession(): Promise<never> {
    throw this.failure;
  }
  override async appendTurn(): Promise<never> {
    throw this.failure;
  }
  override async ping(): Promise<void> {
    throw this.failure;
  }
}

describe('store failures', () => {
  it('an unexpected error is a 500 envelope with a request id, and no internals', async () => {
    const s = await startTestServer({ store: new BrokenStore(new Error('disk exploded at /var/secret')) });
    try {
      const res = await call(s.url, { method: 'POST', path: 'send', body: json({ ...good, timestamp: ts() }) });
      expect(res.status).toBe(500);
      const body = JSON.parse(res.text);
      expect(body).toMatchObject({ code: 500, error: 'INTERNAL', data: {}, retryable: true });
      expect(body.requestId).toBe(res.headers.get('x-request-id'));
      expect(res.text).not.toContain('secret');
    } finally {
      await s.close();
    }
  });

  it('an unreachable store is 503 STORE_UNAVAILABLE and not ready', async () => {
    const s = await startTestServer({ store: new BrokenStore(new StoreUnavailableError('connection refused')) });
    try {
      const res = await call(s.url, { method: 'GET', path: 'receive', query: { sessionId: SID } });
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text)).toMatchObject({ code: 503, error: 'STORE_UNAVAILABLE', retryable: true });
      expect(res.headers.get('retry-after')).toBe('1');
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ code: 503, error: 'STORE_UNAVAILABLE', data: { store: 'unavailable' } });
    } finally {
      await s.close();
    }
  });
});
