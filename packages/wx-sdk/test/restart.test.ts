// The server crashes mid-reply (SIGKILL) and comes back on the same port and SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BGP, deltaLog, wxClient } from './helpers.js';
import { referenceReply } from './reference-reply.js';
import { startServer, type KbServer } from '@mpchat/testkit';

describe.concurrent('a server restart mid-conversation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wx-sdk-restart-'));
  const sqlitePath = join(dir, 'mpchat.db');
  let server: KbServer | undefined;

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the reply still arrives, whole and once, and the conversation goes on', async () => {
    const expected = await referenceReply(inject('fastUrl'));
    server = await startServer({ store: 'sqlite', sqlitePath, chunkDelayMs: 30 });
    const port = server.port;
    const { client, shim, statuses } = wxClient({ baseUrl: server.baseUrl, transport: 'auto', retryMaxMs: 300, requestTimeoutMs: 5_000 });
    const log = deltaLog();
    let restarted: Promise<void> | undefined;
    const reply = await client.send(BGP, {
      onDelta: (soFar, delta) => {
        log.onDelta(soFar, delta);
        if (!restarted && soFar.length > 150) {
          restarted = (async () => {
            await server!.kill();
            server = await startServer({ store: 'sqlite', sqlitePath, port, chunkDelayMs: 30 });
          })();
        }
      },
    });
    await restarted;
    expect(restarted).toBeDefined();
    expect(reply.seq).toBe(1);
    expect(reply.content).toBe(expected);
    expect(log.deltas.join('')).toBe(expected);
    expect(shim.maxLiveSockets).toBe(1);
    // During the outage 'auto' fell back to long-polling; once the server answered again it went
    // back to streaming over the socket (the socket was never the problem).
    expect(statuses).toContain('open/longpoll');
    expect(client.transport).toBe('socket');
    const next = await client.send('BGP邻居一直是Active状态怎么办?');
    expect(next.seq).toBe(2);
    await client.destroy();
  }, 90_000);

  it('a server that lost the session (a restart without its store) fails the waiting send with SESSION_NOT_FOUND instead of hanging', async () => {
    // A TCP relay in front of the slow server; mid-reply it cuts every connection and relays to the
    // fast server instead, which has never seen this session — what a memory-store restart looks like.
    const upstreams = [new URL(inject('slowUrl')), new URL(inject('fastUrl'))];
    let upstream = upstreams[0]!;
    const pipes = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const server = net.connect(Number(upstream.port), upstream.hostname);
      for (const s of [client, server]) {
        pipes.add(s);
        s.on('error', () => undefined);
        s.on('close', () => pipes.delete(s));
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const { client } = wxClient({ baseUrl: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`, transport: 'socket', timeoutMs: 20_000 });
    try {
      const err = await client
        .send(BGP, {
          onDelta: (soFar) => {
            if (upstream === upstreams[0] && soFar.length > 100) {
              upstream = upstreams[1]!;
              for (const s of pipes) s.destroy();
            }
          },
        })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SESSION_NOT_FOUND' });
      expect(client.status).toBe('closed');
    } finally {
      relay.close();
      for (const s of pipes) s.destroy();
    }
  });
});
