// Degrading transports and retried sends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BGP, BGP_TITLE, deltaLog, wxClient } from './helpers.js';
import { WxShim } from '@mpchat/testkit';

describe.concurrent("'auto' falls back when sockets fail", () => {
  it.each([
    ['connectSocket always errors (socket domain not whitelisted)', () => ({ shim: Object.assign(new WxShim(), { socketMode: 'fail' as const }), socketUrl: undefined })],
    ['the socket URL is wrong (the server refuses the upgrade)', () => ({ shim: new WxShim(), socketUrl: `${inject('fastUrl').replace('http', 'ws')}/mpweixin/chatbot/no-such-ws` })],
  ])('%s: the reply arrives by long-poll, after a bounded number of socket attempts', async (_, setup) => {
    const { shim, socketUrl } = setup();
    const { client, statuses } = wxClient({ baseUrl: inject('fastUrl'), transport: 'auto', ...(socketUrl ? { socketUrl } : {}) }, shim);
    const log = deltaLog();
    const reply = await client.send(BGP, { onDelta: log.onDelta });
    expect(reply.content.startsWith(BGP_TITLE)).toBe(true);
    expect(log.deltas.join('')).toBe(reply.content);
    expect(client.transport).toBe('longpoll');
    expect(statuses.at(-1)).toBe('open/longpoll');
    expect(shim.sockets).toHaveLength(2);
    expect(shim.maxLiveSockets).toBe(1);
    // The next message goes straight to long-polling: no new socket attempts.
    await client.send('BGP邻居一直是Active状态怎么办?');
    expect(shim.sockets).toHaveLength(2);
    await client.destroy();
  });
});

describe("'auto' behind a proxy that cuts held requests", () => {
  // Forwards to the real server, except long-polls (wait > 0), which it swallows: no answer ever.
  let proxy: http.Server;
  const held: http.ServerResponse[] = [];
  beforeAll(async () => {
    const target = new URL(inject('fastUrl'));
    proxy = http.createServer((req, res) => {
      if (/[?&]wait=[1-9]/.test(req.url ?? '')) {
        held.push(res);
        return;
      }
      const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  });
  afterAll(() => {
    for (const res of held) res.destroy();
    proxy.close();
  });

  it('long-polls time out twice, then it polls, and the reply arrives', async () => {
    const shim = Object.assign(new WxShim(), { socketMode: 'fail' as const });
    const { client, statuses } = wxClient(
      { baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, transport: 'auto', longPollWaitSec: 1, requestTimeoutMs: 300, pollIntervalMs: 100 },
      shim,
    );
    const log = deltaLog();
    const reply = await client.send(BGP, { onDelta: log.onDelta });
    expect(reply.content.startsWith(BGP_TITLE)).toBe(true);
    expect(log.deltas.join('')).toBe(reply.content);
    expect(client.transport).toBe('poll');
    expect(statuses).toContain('reconnecting/longpoll');
    expect(statuses.at(-1)).toBe('open/poll');
    expect(shim.requests.filter((r) => /wait=1/.test(r.url))).toHaveLength(2);
    await client.destroy();
  });
});

describe.concurrent('idempotent sends', () => {
  it.each(['socket', 'poll'] as const)('over %s, a send whose answer is lost is retried with the same clientMsgId and stored once', async (transport) => {
    const { client, shim } = wxClient({ baseUrl: inject('fastUrl'), transport, pollIntervalMs: 100 });
    shim.dropAnswers((r) => r.url.endsWith('/send'), 1);
    const reply = await client.send(BGP);
    const sends = shim.requests.filter((r) => r.url.endsWith('/send'));
    expect(sends).toHaveLength(2);
    expect((sends[1]!.body as { clientMsgId: string }).clientMsgId).toBe((sends[0]!.body as { clientMsgId: string }).clientMsgId);
    expect(reply.seq).toBe(1);
    expect(reply.content.startsWith(BGP_TITLE)).toBe(true);
    // Had the retry created a second turn, this would be seq 3.
    const next = await client.send('BGP邻居一直是Active状态怎么办?');
    expect(next.seq).toBe(2);
    await client.destroy();
  });

  it('messages sent at once keep their order (seq follows the order of send calls)', async () => {
    const { client, shim } = wxClient({ baseUrl: inject('fastUrl'), transport: 'longpoll' });
    const questions = ['第一个问题: BGP是什么?', '第二个问题: OSPF是什么?', '第三个问题: ping不通怎么办?'];
    const replies = await Promise.all(questions.map((q) => client.send(q)));
    expect(replies.map((r) => r.seq)).toEqual([1, 2, 3]);
    const sent = shim.requests.filter((r) => r.url.endsWith('/send')).map((r) => (r.body as { content: string }).content);
    expect(sent).toEqual(questions);
    expect(shim.maxInFlight).toBeLessThanOrEqual(2);
    await client.destroy();
  });
});
