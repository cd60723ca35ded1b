import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';

// A client that sends its body one byte at a time must not hold a connection (and a descriptor)
// for Node's default 300 s: it is cut after REQUEST_TIMEOUT. The deadline below only tells "cut"
// from "held"; it is far below 300 s and far above the 1 s setting.
let s: TestServer;
afterEach(async () => {
  await s?.close();
});

/** Opens a POST that announces a body and trickles it; resolves with what the server sent and whether it closed by `deadlineMs`. */
function trickle(url: string, deadlineMs: number): Promise<{ closed: boolean; answer: string }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const sock = connect(Number(port), '127.0.0.1');
    let answer = '';
    const drip = setInterval(() => sock.writable && sock.write('a'), 200);
    const done = (closed: boolean) => {
      clearInterval(drip);
      clearTimeout(timer);
      sock.destroy();
      resolve({ closed, answer });
    };
    const timer = setTimeout(() => done(false), deadlineMs);
    sock.on('data', (d) => (answer += d.toString()));
    sock.on('close', () => done(true));
    sock.on('error', () => {});
    sock.write('POST /mpweixin/chatbot/send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 16000\r\n\r\n{"content":"');
  });
}

describe('slow request bodies', () => {
  it('cuts a body that trickles in after REQUEST_TIMEOUT, while the server keeps answering others', async () => {
    s = await startTestServer({ env: { REQUEST_TIMEOUT: '1s' } });
    const slow = trickle(s.url, 20_000);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect((await slow).closed).toBe(true);
  }, 30_000);

});
