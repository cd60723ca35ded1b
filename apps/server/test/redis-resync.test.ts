import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapters } from '../src/adapters/create-adapters.js';
import { createApp, type MpchatApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { ScriptedEngine } from '../src/testing/scripted-engine.js';
import { newSessionId, ts } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';

// Two instances in this process on one Redis: A generates, B never does (REDIS_WORKER=false), so a
// socket on B hears every delta through Redis. The partial text is saved only every 250 ms in the
// background, so a socket that joins mid-reply reads a stored text that is behind the live one:
// what it reads plus the deltas it then receives must still give every character exactly once.
const prefix = testPrefix();
const logger = pino({ level: 'silent' });
const apps: MpchatApp[] = [];
const urls: string[] = [];

async function instance(extra: Record<string, string>): Promise<string> {
  const config = loadConfig({ STORE: 'redis', REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', SHUTDOWN_GRACE: '300ms', ...extra });
  const app = createApp({ config, ...(await createAdapters(config, logger)), engine: new ScriptedEngine(), logger });
  const { port } = await app.listen(0, '127.0.0.1');
  apps.push(app);
  return `ws://127.0.0.1:${port}/mpweixin/chatbot/ws`;
}

const PIECES = 40;
const REPLY = Array.from({ length: PIECES }, (_, i) => `第${i + 1}段。`).join('');

beforeAll(async () => {
  urls.push(await instance({}), await instance({ REDIS_WORKER: 'false' }));
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await deleteKeys(REDIS_URL, prefix);
});

describe('resync across instances with sparse background checkpoints', () => {
  it('a socket that stays on the other instance gets every character once, in order', async () => {
    const sid = newSessionId();
    const sock = await TestSocket.open(urls[1]!, sid);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      sock.send({ type: 'send', content: `#slow ${PIECES}`, timestamp: ts() });
      await sock.until((f) => f.some((x) => x.type === 'reply'), 15_000);
      // textOf throws on any gap or overlap between consecutive deltas.
      expect(sock.textOf(1)).toBe(REPLY);
      expect(sock.of('reply')[0]!.data.content).toBe(REPLY);
    } finally {
      sock.close();
    }
  });

  it('sockets that keep joining mid-reply, on either instance, never see a gap or a repeat', async () => {
    const sid = newSessionId();
    const first = await TestSocket.open(urls[1]!, sid);
    await first.until((f) => f.some((x) => x.type === 'hello'));
    first.send({ type: 'send', content: `#slow ${PIECES}`, timestamp: ts() });
    await first.until((f) => f.some((x) => x.type === 'delta'));
    first.close();
    // Each new socket resumes from 0 and must rebuild the reply alone: stored text, then live deltas.
    for (let round = 0; ; round++) {
      const sock = await TestSocket.open(urls[round % 2]!, sid, 0);
      try {
        await sock.until((f) => f.some((x) => x.type === 'reply' || (x.type === 'delta' && x.offset + x.text.length >= 20 * (round + 1))), 15_000);
        const text = sock.textOf(1);
        expect(REPLY.startsWith(text)).toBe(true);
        const reply = sock.of('reply')[0];
        if (reply) {
          expect(reply.data.content).toBe(REPLY);
          expect(round).toBeGreaterThan(0);
          return;
        }
      } finally {
        sock.close();
      }
    }
  });
});
