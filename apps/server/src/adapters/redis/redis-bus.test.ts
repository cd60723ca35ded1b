import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import type { ChatEvent } from '../../ports/bus.js';
import { createRedisConnection, waitUntilReady } from './redis-connection.js';
import { RedisBus } from './redis-bus.js';
import { settledTurn, subscriberCount, until } from './testing/bus-test-kit.js';

const prefix = testPrefix();
const log = pino({ level: 'silent' });
const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const OTHER = '0f0e5c1a-6a9b-4a55-8e1e-3b9a3f1f2c00';

interface Instance {
  bus: RedisBus;
  reader: ReturnType<typeof createRedisConnection>;
  close(): Promise<void>;
}

const open: Instance[] = [];

async function instance(): Promise<Instance> {
  const publisher = createRedisConnection(REDIS_URL, 'command');
  await waitUntilReady(publisher, 5_000);
  const reader = createRedisConnection(REDIS_URL, 'blocking');
  const bus = new RedisBus({ publisher, subscriber: createRedisConnection(REDIS_URL, 'subscriber'), reader, prefix, log });
  await bus.start();
  const i = {
    bus,
    reader,
    close: async () => {
      await bus.close();
      publisher.disconnect();
    },
  };
  open.push(i);
  return i;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((i) => i.close()));
});
afterAll(() => deleteKeys(REDIS_URL, prefix));

const delta = (seq: number, offset: number, text: string): ChatEvent => ({ type: 'delta', sessionId: SID, seq, offset, text });

/** Waits until Redis has a subscriber on the session's delta channel. */
async function subscribed(sessionId: string): Promise<void> {
  await until(async () => (await subscriberCount(`${prefix}bus:${sessionId}`)) > 0, 'SUBSCRIBE');
}

describe('RedisBus across instances', () => {
  it('delivers a session’s deltas and settled event to another instance, in order', async () => {
    const a = await instance();
    const b = await instance();
    const got: ChatEvent[] = [];
    b.bus.subscribe(SID, (e) => got.push(e));
    await subscribed(SID);
    for (let i = 0; i < 20; i++) await a.bus.publish(delta(1, i, 'x'));
    await a.bus.publish({ type: 'settled', sessionId: SID, turn: settledTurn(SID, 1) });
    await until(() => got.some((e) => e.type === 'settled'), 'settled');
    expect(got.filter((e) => e.type === 'delta').map((e) => e.type === 'delta' && e.offset)).toEqual([...Array(20).keys()]);
    expect(got.at(-1)).toEqual({ type: 'settled', sessionId: SID, turn: settledTurn(SID, 1) });
  });

  it('routes stop and closed of every session to subscribeAll, but deltas only of subscribed sessions', async () => {
    const a = await instance();
    const b = await instance();
    const all: ChatEvent[] = [];
    b.bus.subscribeAll((e) => all.push(e));
    await a.bus.publish({ type: 'delta', sessionId: OTHER, seq: 1, offset: 0, text: 'not for b' });
    await a.bus.publish({ type: 'stop', sessionId: OTHER });
    await a.bus.publish({ type: 'closed', sessionId: OTHER, reason: 'expired' });
    await until(() => all.length >= 2, 'stop and closed');
    expect(all).toEqual([
      { type: 'stop', sessionId: OTHER },
      { type: 'closed', sessionId: OTHER, reason: 'expired' },
    ]);
  });

  it('delivers its own events once, synchronously, not again when they come back from Redis', async () => {
    const a = await instance();
    const b = await instance();
    const got: ChatEvent[] = [];
    a.bus.subscribe(SID, (e) => got.push(e));
    await subscribed(SID);
    await a.bus.publish(delta(1, 0, 'x'));
    expect(got).toHaveLength(1);
    await a.bus.publish({ type: 'settled', sessionId: SID, turn: settledTurn(SID, 1) });
    // B's event travels the same stream after A's, so once it is here A's own would have come back too.
    await b.bus.publish({ type: 'stop', sessionId: SID });
    await until(() => got.some((e) => e.type === 'stop'), 'stop from b');
    expect(got.map((e) => e.type)).toEqual(['delta', 'settled', 'stop']);
  });

  it('never delivers a delta after its turn’s settled event', async () => {
    const a = await instance();
    const b = await instance();
    const got: ChatEvent[] = [];
    b.bus.subscribe(SID, (e) => got.push(e));
    await subscribed(SID);
    // The settled event (stream) and the late deltas (pub/sub) race on different connections.
    await a.bus.publish({ type: 'settled', sessionId: SID, turn: settledTurn(SID, 1) });
    for (let i = 0; i < 5; i++) await a.bus.publish(delta(1, 3 + i, 'late'));
    await a.bus.publish(delta(2, 0, 'next turn'));
    await until(() => got.some((e) => e.type === 'delta' && e.seq === 2) && got.some((e) => e.type === 'settled'), 'turn 2 delta');
    const settledAt = got.findIndex((e) => e.type === 'settled');
    expect(got.slice(settledAt + 1).filter((e) => e.type === 'delta' && e.seq === 1)).toEqual([]);
  });

  it('hears settled events published while its stream reader was reconnecting', async () => {
    const a = await instance();
    const b = await instance();
    const got: number[] = [];
    b.bus.subscribeAll((e) => {
      if (e.type === 'settled') got.push(e.turn.seq);
    });
    b.reader.disconnect(true);
    for (let seq = 1; seq <= 5; seq++) await a.bus.publish({ type: 'settled', sessionId: SID, turn: settledTurn(SID, seq) });
    await until(() => got.length === 5, 'all five settled events');
    expect(got).toEqual([1, 2, 3, 4, 5]);
  });
});
