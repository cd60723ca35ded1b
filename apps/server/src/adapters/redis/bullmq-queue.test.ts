import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, testPrefix, until as untilKit } from '@mpchat/testkit';
import type { SessionWorker } from '../../ports/queue.js';
import { BullmqQueue } from './bullmq-queue.js';
import { createRedisConnection, waitUntilReady } from './redis-connection.js';

// Each test gets its own prefix: a job left running by one test must never reach the next test's workers.
const base = testPrefix();
let n = 0;
let prefix = `${base}${n}:`;
const log = pino({ level: 'silent' });
const open: { queue: BullmqQueue; producer: ReturnType<typeof createRedisConnection> }[] = [];

/** One instance's queue (its own connections), as a server process would build it. */
async function instance(worker: SessionWorker | undefined, concurrency = 8): Promise<BullmqQueue> {
  const producer = createRedisConnection(REDIS_URL, 'command');
  await waitUntilReady(producer, 5_000);
  const queue = new BullmqQueue({
    producer,
    workerConnection: createRedisConnection(REDIS_URL, 'blocking'),
    prefix,
    concurrency,
    lockMs: 1_000,
    runWorker: worker !== undefined,
    log,
  });
  if (worker) queue.start(worker);
  open.push({ queue, producer });
  return queue;
}

afterEach(async () => {
  await Promise.all(
    open.splice(0).map(async ({ queue, producer }) => {
      await queue.close();
      producer.disconnect();
    }),
  );
  prefix = `${base}${++n}:`;
});
afterAll(() => deleteKeys(REDIS_URL, base));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = (ok: () => boolean, what: string, ms = 10_000) => untilKit(ok, ms, what);


describe('BullmqQueue across instances', () => {
  it('runs a session on one worker at a time, and again for work scheduled during a run', async () => {
    const sid = crypto.randomUUID();
    let scheduled = 0;
    let active = 0;
    let maxActive = 0;
    let lastSeen = -1;
    let runs = 0;
    // A drain "sees" the work scheduled before it started, like drain reading the store.
    const drain: SessionWorker = async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      const seen = scheduled;
      await sleep(15);
      lastSeen = Math.max(lastSeen, seen);
      runs++;
      active--;
    };
    const queues = [await instance(drain), await instance(drain)];
    for (let i = 0; i < 60; i++) {
      scheduled++;
      await queues[i % 2]!.schedule(sid);
      await sleep(Math.random() * 20);
    }
    await until(() => lastSeen === scheduled && active === 0, 'a run that saw the last schedule');
    expect(maxActive).toBe(1);
    // Fewer runs than schedules: schedules during a run coalesce into one more run.
    expect(runs).toBeLessThan(60);
  });

  it('runs a session once more, and only once, for work scheduled while its run was going', async () => {
    const sid = crypto.randomUUID();
    let runs = 0;
    let release: () => void = () => undefined;
    const drain: SessionWorker = async () => {
      runs++;
      if (runs === 1) await new Promise<void>((r) => (release = r));
    };
    const queue = await instance(drain);
    await queue.schedule(sid);
    await until(() => runs === 1, 'the first run');
    await queue.schedule(sid);
    await queue.schedule(sid);
    release();
    await until(() => runs === 2, 'a second run for the schedules during the first');
    await sleep(300);
    expect(runs).toBe(2);
    expect(queue.size).toBe(0);
  });

  it('runs different sessions concurrently', async () => {
    let active = 0;
    let maxActive = 0;
    let done = 0;
    const drain: SessionWorker = async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await sleep(100);
      active--;
      done++;
    };
    const queue = await instance(drain, 8);
    await Promise.all(Array.from({ length: 8 }, () => queue.schedule(crypto.randomUUID())));
    await until(() => done === 8, 'eight sessions');
    expect(maxActive).toBeGreaterThan(1);
  });

  it('an API-only instance schedules work that another instance runs', async () => {
    const ran: string[] = [];
    await instance(async (sid) => void ran.push(sid));
    const apiOnly = await instance(undefined);
    const sid = crypto.randomUUID();
    await apiOnly.schedule(sid);
    await until(() => ran.length === 1, 'the run on the worker instance');
    expect(ran).toEqual([sid]);
    expect(apiOnly.size).toBe(0);
  });

  it('hands a session over to another instance when its instance shuts down mid-run', async () => {
    const sid = crypto.randomUUID();
    let release!: () => void;
    const cutShort = new Promise<void>((r) => (release = r));
    const firstRuns: string[] = [];
    // The first instance's drain returns only when released, as a drain aborted by shutdown does.
    const first = await instance(async (s) => {
      firstRuns.push(s);
      await cutShort;
    });
    await first.schedule(sid);
    await until(() => firstRuns.length === 1, 'the run on the first instance');
    const ran: string[] = [];
    await instance(async (s) => void ran.push(s));
    const closing = first.close();
    release();
    await closing;
    await until(() => ran.length === 1, 'the run on the second instance');
    expect(ran).toEqual([sid]);
  });
});
