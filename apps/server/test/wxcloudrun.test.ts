import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSessionId, startTestServer, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';

// 微信云托管 health-checks a WebSocket service with plain HTTP requests on its path (its WebSocket
// guide; docs/wxcloudrun.md): they must succeed, while upgrades still open the socket.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('plain HTTP on the WebSocket path (微信云托管 health check)', () => {
  it('answers 200 with an envelope, with or without a sessionId', async () => {
    for (const path of ['/mpweixin/chatbot/ws', `/mpweixin/chatbot/ws?sessionId=${newSessionId()}`]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ code: 200, message: expect.stringMatching(/Upgrade: websocket/), data: {} });
    }
  });

  it('still upgrades a WebSocket handshake on the same path', async () => {
    const sock = await TestSocket.open(server.wsUrl, newSessionId());
    await sock.until((f) => f.some((x) => x.type === 'hello'));
    sock.close();
  });
});
