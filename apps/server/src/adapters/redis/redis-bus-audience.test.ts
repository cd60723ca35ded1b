import pino from 'pino';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import type { ChatEvent } from '../../ports/bus.js';
import { createRedisConnection, waitUntilReady } from './redis-connection.js';
import { RedisBus } from './redis-bus.js';
import { settledTurn, subscriberCount, until } from './testing/bus-test-kit.js';

const prefix = testPrefix();
const log = pino({ level: 'silent' });
const SID = '5b0e7c7e-4f0a-4a47-9d4c-3c1f1a2b9e01';

interface Instance {
  bus: RedisBus;
  /** PUBLISHes of delta channels this instance sent. */
  deltaPublishes(): number;
  /** Messages of delta channels its subscriber connection received. */
  deltaMessages(): number;
}

const open: (() => Promise<void>)[] = [];

async function instance(): Promise<Instance> {
  const publisher = createRedisConnection(REDIS_URL, 'command');
  await waitUntilReady(publisher, 5_000);
  const subscriber = createRedisConnection(REDIS_URL, 'subscriber');
  const bus = new RedisBus({ publisher, subscriber, reader: createRedisConnection(REDIS_URL, 'blocking'), prefix, log });
  await bus.start();
  const publish = vi.spyOn(publisher, 'publish');
  let messages = 0;
  subscriber.on('message', (channel: string) => {
    if (channel.startsWith(`${prefix}bus:`)) messages++;
  });
  open.push(async () => {
    await bus.close();
    publisher.disconnect();
  });
  return {
    bus,
    deltaPublishes: () => publish.mock.calls.filter(([channel]) => String(channel).startsWith(`${prefix}bus:`)).length,
    deltaMessages: () => messages,
  };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});
afterAll(() => deleteKeys(REDIS_URL, prefix));

const delta = (seq: number, offset: number): ChatEvent => ({ type: 'delta', sessionId: SID, seq, offset, text: 'x' });
const offsets = (got: ChatEvent[], seq: number) => got.flatMap((e) => (e.type === 'delta' && e.seq === seq ? [e.offset] : []));

/** Lets the deltas' PUBLISH replies come back. */
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('RedisBus deltas reach only the instances watching', () => {
  it('does not read its own deltas back while it generates the session, and reads other instances’ after', async () => {
    const a = await instance();
    const b = await instance();
    const got: ChatEvent[] = [];
    a.bus.subscribe(SID, (e) => got.push(e));
    await until(async () => (await subscriberCount(`${prefix}bus:${SID}`)) === 1, 'A subscribed');
    for (let i = 0; i < 5; i++) await a.bus.publish(delta(1, i));
    await a.bus.publish({ type: 'settled', sessionId: SID, turn: settledTurn(SID, 1, 'xxxxx') });
    expect(offsets(got, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(a.deltaMessages()).toBe(0);
    // The next turn runs on B: A's socket gets it through Redis again.
    await until(async () => (await subscriberCount(`${prefix}bus:${SID}`)) === 1, 'A subscribed again');
    for (let i = 0; i < 3; i++) await b.bus.publish(delta(2, i));
    await until(() => offsets(got, 2).length === 3, 'turn 2 deltas from B');
    expect(offsets(got, 2)).toEqual([0, 1, 2]);
  });

  it('stops sending the deltas nobody else watches, and sends them again to an instance that starts watching', async () => {
    const a = await instance();
    const b = await instance();
    await a.bus.publish(delta(1, 0));
    await settle();
    for (let i = 1; i < 10; i++) await a.bus.publish(delta(1, i));
    await settle();
    // The first PUBLISH reached nobody; the ones sent before its reply came back may have left too.
    const sentAlone = a.deltaPublishes();
    expect(sentAlone).toBeLessThan(10);
    for (let i = 10; i < 20; i++) await a.bus.publish(delta(1, i));
    expect(a.deltaPublishes()).toBe(sentAlone);

    const got: ChatEvent[] = [];
    const off = b.bus.subscribe(SID, (e) => got.push(e));
    let next = 20;
    await until(async () => {
      await a.bus.publish(delta(1, next++));
      return got.length > 0;
    }, 'a delta on B after it started watching');
    await until(() => offsets(got, 1).at(-1) === next - 1, 'the deltas published before B heard the first');
    const sent = [next, next + 1, next + 2, next + 3, next + 4];
    for (const offset of sent) await a.bus.publish(delta(1, offset));
    await until(() => offsets(got, 1).at(-1) === sent.at(-1), 'every delta after the first one B got');
    // From the first delta B got on, every one, in order.
    const seen = offsets(got, 1);
    expect(seen).toEqual([...Array(next + 5 - seen[0]!).keys()].map((i) => seen[0]! + i));

    // B stops watching: A's next PUBLISH reaches nobody, and A goes quiet again.
    off();
    await until(async () => (await subscriberCount(`${prefix}bus:${SID}`)) === 0, 'B unsubscribed');
    await a.bus.publish(delta(1, 100));
    await settle();
    const before = a.deltaPublishes();
    for (let i = 101; i < 110; i++) await a.bus.publish(delta(1, i));
    expect(a.deltaPublishes()).toBe(before);
    expect(got).toHaveLength(seen.length);
    expect(b.deltaMessages()).toBe(seen.length);
  });

  it('sends every delta of a new turn again until one reaches nobody', async () => {
    const a = await instance();
    await a.bus.publish(delta(1, 0));
    await settle();
    await a.bus.publish(delta(1, 1));
    const quiet = a.deltaPublishes();
    await a.bus.publish(delta(2, 0));
    expect(a.deltaPublishes()).toBe(quiet + 1);
  });
});
