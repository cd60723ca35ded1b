import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/adapters/memory/memory-store.js';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';

/** A memory store that counts the touches of each session. */
class CountingStore extends MemoryStore {
  readonly touches = new Map<string, number>();
  override async touchSession(sessionId: string, now: number): Promise<void> {
    this.touches.set(sessionId, (this.touches.get(sessionId) ?? 0) + 1);
    return super.touchSession(sessionId, now);
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('WebSocket keep-alive touches', () => {
  it('a stored message marks its session active without a touch of its own; other frames still touch', async () => {
    const store = new CountingStore();
    server = await startTestServer({ store });
    const sid = newSessionId();
    const sock = await TestSocket.open(server.wsUrl, sid);
    sock.ws.send(JSON.stringify({ type: 'send', content: '请问BGP协议实验ping不通怎么办?', timestamp: ts() }));
    await sock.until((f) => f.some((x) => x.type === 'reply'));
    expect(store.touches.get(sid) ?? 0).toBe(0);
    const session = await store.getSession(sid);
    expect(session?.lastActiveAt).toBeGreaterThan(0);
    sock.ws.send(JSON.stringify({ type: 'ping', t: 1 }));
    await sock.until((f) => f.some((x) => x.type === 'pong'));
    await expect.poll(() => store.touches.get(sid) ?? 0).toBe(1);
    sock.ws.close();
  });
});
