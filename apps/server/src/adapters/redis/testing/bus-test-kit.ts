import { REDIS_URL } from '@mpchat/testkit';
import type { Turn } from '../../../ports/store.js';
import { createRedisConnection, waitUntilReady } from '../redis-connection.js';

/** Polls `ok` every 25 ms for up to 5 s; throws naming `what` when it never holds. */
export async function until(ok: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** How many connections Redis has subscribed to `channel` (PUBSUB NUMSUB), asked on a connection of its own. */
export async function subscriberCount(channel: string): Promise<number> {
  const probe = createRedisConnection(REDIS_URL, 'command');
  await waitUntilReady(probe, 5_000);
  try {
    return ((await probe.pubsub('NUMSUB', channel)) as [string, number])[1];
  } finally {
    probe.disconnect();
  }
}

/** A completed turn of `sessionId` answering `q` with `reply`, as a settled event carries it. */
export const settledTurn = (sessionId: string, seq: number, reply = 'abc'): Turn => ({
  sessionId,
  seq,
  clientMsgId: null,
  content: 'q',
  timestamp: '2023/11/03 15:30:00',
  receivedAt: 1,
  status: 'completed',
  reply,
  replyTimestamp: '2023/11/03 15:30:01',
  errorCode: null,
  errorMessage: null,
  sources: [],
  suggestions: [],
});
