import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, PrivateRedis, spawnServer, stopServer, testPrefix, type ServerProcess } from '@mpchat/testkit';
import { newSessionId, ts } from '../src/testing/test-server.js';

// A private redis-server (never the shared one) that the tests kill or freeze mid-load. It keeps
// an fsynced append-only file, as a production Redis would, so "acknowledged" means "durable" and
// the tests can check that nothing acknowledged is lost.
let redis: PrivateRedis;
let server: ServerProcess;

beforeAll(async () => {
  redis = new PrivateRedis(await freePort());
  await redis.start();
  server = await spawnServer(
    {
      STORE: 'redis',
      REDIS_URL: redis.url,
      REDIS_PREFIX: testPrefix(),
      ENGINE: 'kb',
      KB_CHUNK_DELAY_MS: '5',
      REDIS_JOB_LOCK_MS: '1500',
      SHUTDOWN_GRACE: '1s',
    },
    40_000,
  );
}, 60_000);

afterAll(async () => {
  if (server) await stopServer(server);
  await redis?.stop();
}, 30_000);

type Outcome = { status: number; code?: number; error?: string } | { status: 'hang' | 'network' };

const SESSIONS = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs SESSIONS simulated clients against the server, calls `disrupt` after a second of load, and
 * stops once the server has answered plenty of requests after `disrupt` returned. Each client
 * sends, retries a refused send with the same clientMsgId (as the SDK does), and long-polls its
 * reply. Returns every answer, those seen while disrupted, and what each session sent.
 */
async function underLoad(disrupt: () => Promise<void>) {
  const api = `${server.url}/mpweixin/chatbot`;
  const outcomes: Outcome[] = [];
  // No request may hang: one still open after 10 s counts as a failure.
  const call = async (url: string, init?: RequestInit): Promise<Record<string, any> | undefined> => {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
      const body = (await res.json()) as Record<string, any>;
      outcomes.push({ status: res.status, code: body.code, error: body.error });
      return res.status === 200 ? body : undefined;
    } catch (err) {
      outcomes.push({ status: (err as Error).name === 'TimeoutError' ? 'hang' : 'network' });
      return undefined;
    }
  };
  let stop = false;
  const sent = new Map<string, number>();
  const client = async (sid: string) => {
    sent.set(sid, 0);
    for (let k = 0; !stop; k++) {
      const clientMsgId = crypto.randomUUID();
      let seq: number | undefined;
      while (seq === undefined) {
        const body = await call(`${api}/send`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ sessionId: sid, content: `问题 ${k}`, timestamp: ts(k), clientMsgId }),
        });
        seq = body?.data?.seq;
        if (seq === undefined) await sleep(100);
      }
      // The retried send was recognised: no second turn.
      expect(seq).toBe(k + 1);
      sent.set(sid, seq);
      for (;;) {
        const body = await call(`${api}/receive?sessionId=${sid}&after=${k}&wait=2`);
        if (body?.code === 200) break;
        await sleep(body ? 0 : 100);
      }
    }
  };

  const load = Array.from({ length: SESSIONS }, () => client(newSessionId()));
  await sleep(1_000);
  const before = outcomes.length;
  await disrupt();
  const during = outcomes.slice(before);
  // Recovered by itself: the readiness probe passes again and the clients make progress.
  await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 15_000, interval: 200 }).toBe(200);
  const recoveredAt = outcomes.length;
  await expect.poll(() => outcomes.slice(recoveredAt).filter((o) => o.status === 200).length, { timeout: 20_000 }).toBeGreaterThan(SESSIONS * 2);
  stop = true;
  await Promise.all(load);
  return { outcomes, during, sent, api };
}

/** Only answers a client can act on: 200s, and 503 STORE_UNAVAILABLE while Redis was away. */
function expectOnly200And503(outcomes: Outcome[], during: Outcome[]): void {
  const unexpected = outcomes.filter((o) => o.status !== 200 && !(o.status === 503 && 'error' in o && o.error === 'STORE_UNAVAILABLE'));
  expect(unexpected).toEqual([]);
  expect(during.filter((o) => o.status === 503).length).toBeGreaterThan(0);
}

/** Every acknowledged message of every session answered once, in order, and nothing more. */
async function expectAllAnswered(api: string, sent: Map<string, number>): Promise<void> {
  for (const [sid, last] of sent) {
    for (let seq = 1; seq <= last; seq++) {
      const body = (await (await fetch(`${api}/receive?sessionId=${sid}&after=${seq - 1}&wait=10`)).json()) as Record<string, any>;
      expect(body).toMatchObject({ code: 200, data: { seq, status: 'completed' } });
    }
    const none = (await (await fetch(`${api}/receive?sessionId=${sid}&after=${last}`)).json()) as Record<string, any>;
    expect(none.error).toBe('NO_SUCH_MESSAGE');
  }
}

describe('a Redis outage under load', () => {
  it('Redis killed: 503 STORE_UNAVAILABLE at once, recovery when it is back, nothing acknowledged lost', async () => {
    const { outcomes, during, sent, api } = await underLoad(async () => {
      await redis.kill();
      await sleep(2_000);
      await redis.start();
    });
    expectOnly200And503(outcomes, during);
    await expectAllAnswered(api, sent);
  }, 60_000);

  // A checkpoint that times out while Redis hangs must leave the turn unsettled (the runner
  // rethrows store failures), or the timed-out settle would run once Redis wakes up.
  it('Redis hung (SIGSTOP): requests time out into 503 instead of hanging, and recover', async () => {
    const { outcomes, during, sent, api } = await underLoad(async () => {
      redis.pause();
      // Longer than a long-poll's wait (2 s) plus the command timeout (2 s): whatever the clients
      // were doing when Redis froze, their next request meets the frozen Redis and times out.
      await sleep(5_000);
      redis.resume();
    });
    expectOnly200And503(outcomes, during);
    await expectAllAnswered(api, sent);
  }, 60_000);
});
