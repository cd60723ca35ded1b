import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, AuthenticationError, InternalServerError, RateLimitError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch.js';
import { createCompletionClient } from './openai-client.js';
import { classifyUpstreamError } from './upstream-errors.js';

const PARAMS = { model: 'm', messages: [{ role: 'user' as const, content: '你好' }], stream: true as const, max_tokens: 5 };
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A provider answering each request with `handle`; records what it was sent. */
async function provider(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handle(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  closers.push(() => server.closeAllConnections());
  return { seen, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/` };
}

/** The client over the engine's node:http fetch. */
function client(baseURL: string, backstopTimeoutMs = 5_000) {
  const http = createNodeHttpFetch();
  closers.push(() => http.close());
  return createCompletionClient({ baseURL, apiKey: 'k-1', backstopTimeoutMs, fetch: http.fetch });
}

const send = (c: ReturnType<typeof client>, signal = new AbortController().signal) => c.chat.completions.create(PARAMS, { signal }).asResponse();
const failure = (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err);

describe('createCompletionClient', () => {
  it('POSTs the JSON body to <baseURL>/chat/completions with the key, and hands back the streaming response', async () => {
    const { seen, base } = await provider((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: [DONE]\n\n');
    });
    const response = await send(client(base));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('data: [DONE]\n\n');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer k-1', 'content-type': 'application/json', accept: 'application/json' });
    expect(seen[0]!.headers['user-agent']).toMatch(/^OpenAI\/JS \d/);
    expect(JSON.parse(seen[0]!.body)).toEqual(PARAMS);
  });

  it("maps an error status to the official client's error, with its headers and the provider's message", async () => {
    let reply = (res: ServerResponse) => res.writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' }).end('{"error":{"message":"slow down","code":"rate"}}');
    const { base } = await provider((_req, res) => reply(res));
    const c = client(base);
    const limited = await failure(send(c));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers?.get('retry-after')).toBe('2');
    expect((limited as RateLimitError).message).toBe('429 slow down');
    expect(classifyUpstreamError(limited)).toMatchObject({ retryable: true, retryAfterMs: 2_000, error: { code: 'RATE_LIMITED' } });
    reply = (res) => res.writeHead(401).end('{"error":{"message":"bad key sk-123"}}');
    expect(await failure(send(c))).toBeInstanceOf(AuthenticationError);
    reply = (res) => res.writeHead(502).end('upstream gateway down');
    const down = await failure(send(c));
    expect(down).toBeInstanceOf(InternalServerError);
    expect((down as Error).message).toBe('502 upstream gateway down');
  });

  it('fails to connect as APIConnectionError, retryable', async () => {
    const { base } = await provider(() => undefined);
    for (const close of closers.splice(0)) close();
    const err = await failure(send(client(base)));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(classifyUpstreamError(err).retryable).toBe(true);
  });

  it("ends as APIUserAbortError when the caller's signal aborts: before sending, before the headers, and aborts a streaming body", async () => {
    let streaming: ServerResponse | undefined;
    const { base } = await provider((req, res) => {
      if (req.url?.startsWith('/v1/')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {}\n\n');
        streaming = res;
      }
    });
    const c = client(base);
    expect(await failure(send(c, AbortSignal.abort()))).toBeInstanceOf(APIUserAbortError);
    const soon = new AbortController();
    const response = await send(c, soon.signal);
    const closed = new Promise<void>((resolve) => streaming!.once('close', resolve));
    soon.abort();
    await closed;
    await expect(response.text()).rejects.toThrow();
  });

  it('gives up waiting for the headers after the backstop, as APIConnectionTimeoutError', async () => {
    const { base } = await provider(() => undefined);
    const err = await failure(send(client(base, 100)));
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
  });
});
