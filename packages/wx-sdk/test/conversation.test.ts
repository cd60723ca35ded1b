// A conversation on each transport, over real HTTP / WebSocket to the real server.
import WebSocket from 'ws';
import { describe, expect, inject, it } from 'vitest';
import { ChatClient, webAdapter, type TransportKind } from '../src/index.js';
import { BGP, BGP_TITLE, deltaLog, wxClient } from './helpers.js';

const TIMESTAMP = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/;

describe.concurrent('a conversation in a mini-program (wx adapter)', () => {
  it.each(['socket', 'longpoll', 'poll'] as TransportKind[])('over %s: the Chinese reply streams in, its deltas are exactly the reply, the next message is the next turn', async (transport) => {
    const { client, shim, statuses } = wxClient({ baseUrl: inject('slowUrl'), transport, pollIntervalMs: 250 });
    const log = deltaLog();
    const reply = await client.send(BGP, { onDelta: log.onDelta });

    expect(reply.content.startsWith(BGP_TITLE)).toBe(true);
    expect(reply.content.length).toBeGreaterThan(500);
    expect(log.deltas.join('')).toBe(reply.content);
    expect(log.textSoFar).toBe(reply.content);
    expect(reply).toMatchObject({ seq: 1, status: 'completed', sessionId: client.sessionId });
    expect(reply.timestamp).toMatch(TIMESTAMP);
    // Socket deltas and code-100 partials stream; a long-poll answers once the reply is done.
    if (transport !== 'longpoll') expect(log.deltas.length).toBeGreaterThan(1);

    const next = await client.send('BGP邻居一直是Active状态怎么办?');
    expect(next.seq).toBe(2);
    expect(next.content.length).toBeGreaterThan(0);

    expect(client.sessionIdSource).toBe('secure');
    expect(client.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(client.transport).toBe(transport);
    expect(statuses).toContain(`open/${transport}`);
    expect(shim.maxLiveSockets).toBe(transport === 'socket' ? 1 : 0);
    expect(shim.maxInFlight).toBeLessThanOrEqual(2);
    // Every message carries the spec's timestamp and a client message id.
    const sends = shim.requests.filter((r) => r.url.endsWith('/send'));
    expect(sends).toHaveLength(2);
    for (const s of sends) expect(s.body).toMatchObject({ sessionId: client.sessionId, timestamp: expect.stringMatching(TIMESTAMP), clientMsgId: expect.any(String) });

    await client.destroy();
    expect(client.status).toBe('closed');
    expect(shim.liveSockets).toBe(0);
  });

  it('decodes socket messages that arrive as ArrayBuffer (incremental UTF-8 decoding)', async () => {
    const { client, shim } = wxClient({ baseUrl: inject('fastUrl'), transport: 'socket' });
    shim.binaryFrames = true;
    const log = deltaLog();
    const reply = await client.send(BGP, { onDelta: log.onDelta });
    expect(reply.content.startsWith(BGP_TITLE)).toBe(true);
    expect(log.deltas.join('')).toBe(reply.content);
    await client.destroy();
  });
});

describe.concurrent('stopping a reply', () => {
  it.each(['socket', 'poll'] as TransportKind[])('over %s, stop() ends it early: the reply resolves as stopped with the text so far', async (transport) => {
    const { client } = wxClient({ baseUrl: inject('slowUrl'), transport, pollIntervalMs: 200 });
    expect(await client.stop()).toEqual({ stopped: false });
    const log = deltaLog();
    let stopping: ReturnType<typeof client.stop> | undefined;
    const reply = await client.send(BGP, {
      onDelta: (soFar, delta) => {
        log.onDelta(soFar, delta);
        if (!stopping && soFar.length > 30) stopping = client.stop();
      },
    });
    expect(await stopping).toEqual({ stopped: true, seq: 1 });
    expect(reply).toMatchObject({ seq: 1, status: 'stopped' });
    expect(reply.content.length).toBeLessThan(800);
    expect(reply.content.startsWith(BGP_TITLE)).toBe(true);
    expect(log.deltas.join('')).toBe(reply.content);
    // Nothing is generating any more.
    expect(await client.stop()).toEqual({ stopped: false });
    await client.destroy();
  });
});

describe.concurrent('a conversation in Node or a browser (web adapter: fetch + WebSocket)', () => {
  it.each(['socket', 'longpoll'] as TransportKind[])('over %s', async (transport) => {
    const client = new ChatClient({ baseUrl: inject('fastUrl'), transport, adapter: webAdapter({ WebSocket: WebSocket as never }) });
    const log = deltaLog();
    const reply = await client.send(BGP, { onDelta: log.onDelta });
    expect(reply.content.startsWith(BGP_TITLE)).toBe(true);
    expect(log.deltas.join('')).toBe(reply.content);
    expect(client.transport).toBe(transport);
    await client.destroy();
  });
});
