import { WS_CLOSE } from '@mpchat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Turn } from '../src/ports/store.js';
import { deleteKeys, REDIS_URL, spawnServer, stopServer, testPrefix, type ServerProcess } from '@mpchat/testkit';
import { get, newSessionId, post, ts } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';
import { kbReplies, watchSettled } from './redis-servers.js';

// Three instances on one Redis, no sticky sessions: A and C generate replies, B is API-only
// (REDIS_WORKER=false), so anything received on B was generated on another instance.
const prefix = testPrefix();
const env = (extra: Record<string, string> = {}) => ({
  STORE: 'redis',
  REDIS_URL,
  REDIS_PREFIX: prefix,
  ENGINE: 'kb',
  KB_CHUNK_DELAY_MS: '20',
  GENERATION_CONCURRENCY: '128',
  REDIS_JOB_LOCK_MS: '1500',
  SHUTDOWN_GRACE: '1s',
  // Hundreds of sessions from one test address: per-client limits are not what this tests.
  LIMIT_SESSIONS_PER_MINUTE: '0',
  LIMIT_LIVE_SESSIONS: '0',
  LIMIT_MESSAGES_PER_MINUTE: '0',
  LIMIT_MESSAGES_PER_DAY: '0',
  ...extra,
});

const BGP = '请问BGP协议实验ping不通怎么办?';
const SHORT = ['你好', 'OSPF', 'RIP', '静态路由', 'VLAN', 'DHCP'];

let a: ServerProcess;
let b: ServerProcess;
let c: ServerProcess;
let watcher: Awaited<ReturnType<typeof watchSettled>>;
/** Every settled event seen through Redis, per session, in stream order. */
let settled: Map<string, Turn[]>;
let expected: Map<string, string>;

beforeAll(async () => {
  [a, b, c] = await Promise.all([
    spawnServer(env(), 40_000),
    spawnServer(env({ REDIS_WORKER: 'false' }), 40_000),
    spawnServer(env(), 40_000),
  ]);
  watcher = await watchSettled(REDIS_URL, prefix);
  settled = watcher.settled;
  expected = await kbReplies([BGP, ...SHORT]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a, b, c].filter(Boolean).map((s) => stopServer(s)));
  await watcher?.close();
  await deleteKeys(REDIS_URL, prefix);
}, 30_000);

const api = (s: ServerProcess) => `${s.url}/mpweixin/chatbot`;
const send = (s: ServerProcess, sessionId: string, content: string, timestamp = ts()) =>
  post(`${api(s)}/send`, { sessionId, content, timestamp, clientMsgId: crypto.randomUUID() });
const longPoll = (s: ServerProcess, sessionId: string, after: number) => get(`${api(s)}/receive`, { sessionId, after, wait: 20 });

/** Polls receive on `s` until the turn shows partial text (it is being generated somewhere). */
async function untilGenerating(s: ServerProcess, sessionId: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const r = await get(`${api(s)}/receive`, { sessionId });
    if (r.body.code === 100 && r.body.data.content) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error('the reply never started');
}

describe('several instances on one Redis (no sticky sessions)', () => {
  it('a message sent on A is answered through a long-poll held on B, and the other way round', async () => {
    const sid = newSessionId();
    expect((await send(a, sid, BGP, ts(0))).body).toEqual({ code: 200, message: 'ok', data: { seq: 1 } });
    const first = await longPoll(b, sid, 0);
    expect(first.body).toMatchObject({ code: 200, data: { seq: 1, status: 'completed', content: expected.get(BGP) } });
    expect((await send(b, sid, 'OSPF', ts(1))).body.data).toEqual({ seq: 2 });
    const second = await longPoll(a, sid, 1);
    expect(second.body).toMatchObject({ code: 200, data: { seq: 2, content: expected.get('OSPF') } });
  });

  it('a newer socket on another instance replaces the older one (close 4000)', async () => {
    const sid = newSessionId();
    const first = await TestSocket.open(a.wsUrl, sid);
    await first.until((f) => f.some((x) => x.type === 'hello'));
    const second = await TestSocket.open(b.wsUrl, sid);
    expect((await first.closedWith()).code).toBe(WS_CLOSE.REPLACED);
    expect(first.of('bye')).toEqual([{ type: 'bye', reason: 'replaced', closeCode: WS_CLOSE.REPLACED }]);
    expect(second.closed).toBeUndefined();
    second.close();
  });

  it('a socket on B streams a reply generated on another instance, delta by delta', async () => {
    const sid = newSessionId();
    const sock = await TestSocket.open(b.wsUrl, sid);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      sock.send({ type: 'send', content: BGP, timestamp: ts() });
      await sock.until((f) => f.some((x) => x.type === 'reply'), 15_000);
      const [reply] = sock.of('reply');
      expect(reply).toMatchObject({ seq: 1, status: 'completed', data: { content: expected.get(BGP) } });
      expect(sock.of('reply')).toHaveLength(1);
      // Streamed, not only delivered at the end: the deltas rebuild the reply exactly.
      expect(sock.of('delta').length).toBeGreaterThan(10);
      expect(sock.textOf(1)).toBe(expected.get(BGP));
    } finally {
      sock.close();
    }
  });

  it('a client that reconnects to another instance mid-reply resumes without losing or repeating text', async () => {
    const sid = newSessionId();
    const first = await TestSocket.open(b.wsUrl, sid);
    await first.until((f) => f.some((x) => x.type === 'hello'));
    first.send({ type: 'send', content: BGP, timestamp: ts() });
    await first.until((f) => f.filter((x) => x.type === 'delta').length >= 3, 10_000);
    first.close();
    let text = first.textOf(1);
    expect(text.length).toBeLessThan(expected.get(BGP)!.length);

    const second = await TestSocket.open(c.wsUrl, sid, 0);
    try {
      await second.until((f) => f.some((x) => x.type === 'reply'), 15_000);
      // What a client does with a delta: drop what it already holds, append the rest.
      for (const d of second.of('delta')) {
        expect(d.offset).toBeLessThanOrEqual(text.length);
        text += d.text.slice(text.length - d.offset);
      }
      expect(text).toBe(expected.get(BGP));
      expect(second.of('reply')[0]!.data.content).toBe(expected.get(BGP));
    } finally {
      second.close();
    }
  });

  it('a stop asked on B stops the generation running on another instance', async () => {
    const sid = newSessionId();
    await send(b, sid, BGP);
    await untilGenerating(b, sid);
    expect((await post(`${api(b)}/stop`, { sessionId: sid })).body).toMatchObject({ code: 200, data: { stopped: true, seq: 1 } });
    const r = await longPoll(b, sid, 0);
    expect(r.body.data.status).toBe('stopped');
    expect(r.body.data.content.length).toBeLessThan(expected.get(BGP)!.length);
    expect(expected.get(BGP)!.startsWith(r.body.data.content)).toBe(true);
  });

  it('destroying a session on B closes its socket on C and ends its generation', async () => {
    const sid = newSessionId();
    const sock = await TestSocket.open(c.wsUrl, sid);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      await send(b, sid, BGP);
      await sock.until((f) => f.some((x) => x.type === 'delta'), 10_000);
      expect((await post(`${api(b)}/destroy`, { sessionId: sid })).body.code).toBe(200);
      expect((await sock.closedWith()).code).toBe(WS_CLOSE.SESSION_CLOSED);
      expect(sock.of('error').at(-1)).toMatchObject({ error: 'SESSION_CLOSED' });
      expect((await send(a, sid, 'again')).body.error).toBe('SESSION_CLOSED');
    } finally {
      sock.close();
    }
  });

  it('200 sessions × 5 messages spread over all instances: every message answered once, in order', async () => {
    const servers = [a, b, c];
    const sessions = Array.from({ length: 200 }, (_, i) => ({ sid: newSessionId(), i }));
    await Promise.all(
      sessions.map(async ({ sid, i }) => {
        const questions = Array.from({ length: 5 }, (_, k) => SHORT[(i + k) % SHORT.length]!);
        // Five rapid sends, each to the next instance, without waiting for replies.
        for (let k = 0; k < 5; k++) {
          const r = await send(servers[(i + k) % 3]!, sid, questions[k]!, ts(k));
          expect(r.body.data).toEqual({ seq: k + 1 });
        }
        // Each reply read from an instance other than the one that took the message.
        for (let k = 0; k < 5; k++) {
          const r = await longPoll(servers[(i + k + 1) % 3]!, sid, k);
          expect(r.body).toMatchObject({ code: 200, data: { seq: k + 1, status: 'completed', content: expected.get(questions[k]!) } });
        }
      }),
    );
    // Every turn settled exactly once, in seq order, as the shared event stream saw it.
    for (const { sid } of sessions) {
      await expect.poll(() => settled.get(sid)?.length ?? 0).toBeGreaterThanOrEqual(5);
      expect(settled.get(sid)!.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5]);
    }
  }, 60_000);

  // Last: it kills an instance.
  it('an instance killed mid-generation: another completes the reply, stored exactly once', async () => {
    const sid = newSessionId();
    const sock = await TestSocket.open(b.wsUrl, sid);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      await send(b, sid, BGP);
      await untilGenerating(b, sid);
      const running = async (s: ServerProcess) => /^mpchat_generations_running 1$/m.test(await (await fetch(`${s.url}/metrics`)).text());
      const victim = (await running(a)) ? a : (await running(c)) ? c : undefined;
      expect(victim, 'one worker instance is generating').toBeDefined();
      victim!.proc.kill('SIGKILL');
      expect((await victim!.exited).signal).toBe('SIGKILL');
      const survivor = victim === a ? c : a;

      const r = await longPoll(b, sid, 0);
      expect(r.body).toMatchObject({ code: 200, data: { seq: 1, status: 'completed', content: expected.get(BGP) } });
      await sock.until((f) => f.some((x) => x.type === 'reply'), 15_000);
      expect(sock.of('reply')).toHaveLength(1);
      expect(sock.textOf(1)).toBe(expected.get(BGP));
      // One settle, with the full reply; the survivor is still serving.
      await expect.poll(() => settled.get(sid)?.length ?? 0).toBe(1);
      expect(settled.get(sid)![0]!.reply).toBe(expected.get(BGP));
      expect((await get(`${api(survivor)}/receive`, { sessionId: sid })).body.data.content).toBe(expected.get(BGP));
    } finally {
      sock.close();
    }
  }, 30_000);
});
