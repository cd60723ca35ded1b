// What a user sees when things go wrong: ChatError with the contract's code, status and retryable.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bindAppLifecycle, ChatClient, ChatError } from '../src/index.js';
import { until } from '@mpchat/testkit';
import { BGP, wxClient } from './helpers.js';

describe.concurrent('errors from the server', () => {
  it('a message over the length limit is INVALID_ARGUMENT (400), names the field, and is not retried', async () => {
    const { client, shim } = wxClient({ baseUrl: inject('fastUrl'), transport: 'longpoll' });
    const err = await client.send('长'.repeat(2001)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400, retryable: false });
    expect((err as ChatError).message).toMatch(/^\[wx-sdk\] .*content.*\(INVALID_ARGUMENT\)$/);
    expect((err as ChatError).issues).toEqual([expect.objectContaining({ location: 'body', path: 'content' })]);
    expect(shim.requests.filter((r) => r.url.endsWith('/send'))).toHaveLength(1);
    // The client is still usable.
    expect((await client.send(BGP)).seq).toBe(1);
    await client.destroy();
  });

  it('a destroyed session is SESSION_CLOSED (410) for everyone using it, and the client reports closed', async () => {
    const owner = wxClient({ baseUrl: inject('fastUrl'), transport: 'longpoll' });
    await owner.client.send(BGP);
    const other = wxClient({ baseUrl: inject('fastUrl'), transport: 'longpoll', sessionId: owner.client.sessionId!.toUpperCase() });
    expect(other.client.sessionId).toBe(owner.client.sessionId);
    await owner.client.destroy();
    await expect(owner.client.send('还在吗?')).rejects.toMatchObject({ code: 'SESSION_CLOSED' });

    const err = (await other.client.send('还在吗?').catch((e: unknown) => e)) as ChatError;
    expect(err).toBeInstanceOf(ChatError);
    expect(err).toMatchObject({ code: 'SESSION_CLOSED', status: 410, retryable: false });
    expect(err.message).toMatch(/^\[wx-sdk\] .*\(SESSION_CLOSED\)$/);
    expect(other.client.status).toBe('closed');
    expect(other.statuses.at(-1)).toBe('closed/longpoll');
    const requests = other.shim.requests.length;
    await expect(other.client.send('再试一次')).rejects.toBe(err);
    expect(other.shim.requests).toHaveLength(requests);
  });

  it('a session destroyed while a reply streams over the socket fails the waiting send with SESSION_CLOSED', async () => {
    const user = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket' });
    let destroyer: ChatClient | undefined;
    const pending = user.client.send(BGP, {
      onDelta: (soFar) => {
        if (!destroyer && soFar.length > 50) {
          destroyer = wxClient({ baseUrl: inject('slowUrl'), sessionId: user.client.sessionId! }).client;
          void destroyer.destroy();
        }
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'SESSION_CLOSED', status: 410 });
    await until(() => user.client.status === 'closed');
    expect(user.shim.liveSockets).toBe(0);
  });
});

describe.concurrent('time limits and cancellation', () => {
  it('a reply slower than timeoutMs rejects with TIMEOUT; the next message still gets its own reply', async () => {
    const { client } = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket' });
    const err = (await client.send(BGP, { timeoutMs: 300 }).catch((e: unknown) => e)) as ChatError;
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true, status: 0 });
    expect(err.message).toMatch(/^\[wx-sdk\] no reply within 300 ms \(TIMEOUT\)$/);
    const next = await client.send('OSPF是什么?');
    expect(next.seq).toBe(2);
    expect(next.content.startsWith('**BGP实验ping不通怎么办**')).toBe(false);
    await client.destroy();
  });

  it('an AbortSignal stops waiting with ABORTED and no more deltas arrive for that message', async () => {
    const { client } = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket' });
    const controller = new AbortController();
    const seen: string[] = [];
    const pending = client.send(BGP, {
      signal: controller.signal,
      onDelta: (soFar) => {
        seen.push(soFar);
        if (soFar.length > 50) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    const count = seen.length;
    const next = await client.send('OSPF是什么?');
    expect(next.seq).toBe(2);
    expect(seen).toHaveLength(count);
    // Already aborted: rejected at once.
    await expect(client.send('x', { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    await client.destroy();
  });
});

describe('requests to a server that misbehaves', () => {
  // A TCP server that accepts and never answers, and an HTTP server with scripted answers.
  let silent: net.Server;
  let scripted: http.Server;
  const answers: Array<(res: http.ServerResponse) => void> = [];
  const arrivals: Array<{ url: string; at: number }> = [];
  const urlOf = (s: net.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  const envelope = (res: http.ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  beforeAll(async () => {
    silent = net.createServer(() => undefined);
    scripted = http.createServer((req, res) => {
      req.resume();
      arrivals.push({ url: req.url ?? '', at: Date.now() });
      const next = answers.shift();
      if (next) next(res);
      else envelope(res, 500, { code: 500, message: 'unscripted', data: {}, error: 'INTERNAL', retryable: false });
    });
    await Promise.all([new Promise<void>((r) => silent.listen(0, '127.0.0.1', r)), new Promise<void>((r) => scripted.listen(0, '127.0.0.1', r))]);
  });
  afterAll(() => {
    silent.close();
    scripted.close();
  });

  it('a request without an answer times out (wx `request:fail timeout`) and is retried, then fails with TIMEOUT', async () => {
    const { client, shim } = wxClient({ baseUrl: urlOf(silent), transport: 'longpoll', requestTimeoutMs: 200, maxRetries: 1 });
    const err = (await client.send(BGP).catch((e: unknown) => e)) as ChatError;
    expect(err).toMatchObject({ code: 'TIMEOUT', status: 0, retryable: true });
    expect(err.message).toMatch(/^\[wx-sdk\] .*timeout.*\(TIMEOUT\)$/);
    expect(shim.requests.filter((r) => r.url.endsWith('/send'))).toHaveLength(2);
  });

  it('retryable 503 and 429 answers are retried after the retryAfterMs / Retry-After the server asked for', async () => {
    arrivals.length = 0;
    answers.push(
      (res) => envelope(res, 503, { code: 503, message: 'server is shutting down', data: {}, error: 'SHUTTING_DOWN', retryable: true, retryAfterMs: 300 }),
      (res) => envelope(res, 429, { code: 429, message: 'busy', data: {}, error: 'BUSY', retryable: true }, { 'retry-after': '1' }),
      (res) => envelope(res, 200, { code: 200, message: 'ok', data: { seq: 1 } }),
      (res) =>
        envelope(res, 200, {
          code: 200,
          message: 'ok',
          data: { sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6', content: '好的', timestamp: '2023/11/03 15:30:00', seq: 1, status: 'completed' },
        }),
    );
    const { client } = wxClient({ baseUrl: urlOf(scripted), transport: 'longpoll', retryBaseMs: 10 });
    const reply = await client.send('你好');
    expect(reply).toMatchObject({ seq: 1, content: '好的', status: 'completed' });
    const sends = arrivals.filter((a) => a.url.endsWith('/send'));
    expect(sends).toHaveLength(3);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(290);
    expect(sends[2]!.at - sends[1]!.at).toBeGreaterThanOrEqual(990);
  });

  it('a send interrupted by the app going to the background is retried once it is back, with the same clientMsgId', async () => {
    arrivals.length = 0;
    answers.push(
      (res) => setTimeout(() => envelope(res, 200, { code: 200, message: 'ok', data: { seq: 1 } }), 400),
      (res) => envelope(res, 200, { code: 200, message: 'ok', data: { seq: 1, duplicate: true } }),
      (res) =>
        envelope(res, 200, {
          code: 200,
          message: 'ok',
          data: { sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6', content: '好的', timestamp: '2023/11/03 15:30:00', seq: 1, status: 'completed' },
        }),
    );
    const { client, shim, statuses } = wxClient({ baseUrl: urlOf(scripted), transport: 'longpoll' });
    shim.interruptAfterMs = 100;
    bindAppLifecycle(client, shim);
    const pending = client.send('你好');
    await until(() => arrivals.length === 1);
    shim.hide();
    await new Promise((r) => setTimeout(r, 600));
    expect(arrivals).toHaveLength(1);
    shim.show();
    expect(await pending).toMatchObject({ seq: 1, content: '好的' });
    const sends = shim.requests.filter((r) => r.url.endsWith('/send'));
    expect(sends).toHaveLength(2);
    expect(sends[1]!.body).toEqual(sends[0]!.body);
    expect(shim.startedWhileHidden).toBe(0);
    expect(statuses).toContain('offline/longpoll');
  });

  it('an answer that is not an mpchat envelope (a proxy error page) is BAD_RESPONSE with its status', async () => {
    answers.push((res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>not here</html>');
    });
    const { client } = wxClient({ baseUrl: urlOf(scripted), transport: 'longpoll' });
    await expect(client.send('你好')).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 404, retryable: false });
  });
});
