import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WS_CLOSE } from '@mpchat/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, stopServer } from '@mpchat/testkit';
import { newSessionId, ts } from '../src/testing/test-server.js';
import { silentHalfRequest, silentKeepAlive, silentWebSocket, type SilentPeer } from '../src/testing/silent-peers.js';
import { TestSocket } from '../src/testing/ws-client.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GRACE_MS = 1_000;
const QUESTION = '请问BGP协议实验ping不通怎么办?';

// Regression: one client that completed the handshake and then never read held SIGTERM
// for 30 s (the ws close handshake timeout), past the orchestrator's kill timeout.
describe('shutdown with silent peers', () => {
  it('exits 0 within the grace + 2 s; normal clients get bye 1001 and their reply exactly once after a restart', async () => {
    const env = { STORE: 'sqlite', SQLITE_PATH: join(dir, 'silent.db'), SHUTDOWN_GRACE: `${GRACE_MS}ms` };
    const a = await spawnServer({ ...env, KB_CHUNK_DELAY_MS: '300' });
    const peers: SilentPeer[] = [];
    try {
      const sessions = Array.from({ length: 50 }, () => newSessionId());
      const sockets = await Promise.all(sessions.map((sid) => TestSocket.open(a.wsUrl, sid)));
      sockets.forEach((s, i) => s.send({ type: 'send', content: QUESTION, timestamp: ts(i) }));
      await Promise.all(sockets.map((s) => s.until((f) => f.some((x) => x.type === 'ack'))));
      for (let i = 0; i < 2; i++) peers.push(await silentWebSocket(a.port, `/mpweixin/chatbot/ws?sessionId=${newSessionId()}`));
      peers.push(await silentKeepAlive(a.port, '/healthz'));
      peers.push(await silentHalfRequest(a.port, '/mpweixin/chatbot/receive'));

      const killedAt = Date.now();
      a.proc.kill('SIGTERM');
      expect(await a.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - killedAt).toBeLessThan(GRACE_MS + 2_000);
      for (const s of sockets) {
        expect((await s.closedWith()).code).toBe(WS_CLOSE.GOING_AWAY);
        expect(s.of('bye')).toEqual([{ type: 'bye', reason: 'shutdown', closeCode: 1001 }]);
      }

      const b = await spawnServer({ ...env, KB_CHUNK_DELAY_MS: '0' });
      try {
        const again = await Promise.all(
          sessions.map((sid, i) => TestSocket.open(b.wsUrl, sid, sockets[i]!.of('reply').length > 0 ? 1 : 0)),
        );
        await Promise.all(again.map((s) => s.until((f) => f.some((x) => x.type === 'reply'))));
        for (const [i, s] of again.entries()) {
          const replies = [...sockets[i]!.of('reply'), ...s.of('reply')];
          expect(replies.map((r) => [r.seq, r.status])).toEqual([[1, 'completed']]);
          expect(replies[0]!.data.content).toMatch(/BGP/);
          s.ws.close();
        }
      } finally {
        await stopServer(b);
      }
    } finally {
      for (const p of peers) p.end();
      await stopServer(a);
    }
  });
});
