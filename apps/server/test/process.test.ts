import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WS_CLOSE } from '@mpchat/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '@mpchat/testkit';
import { get, newSessionId, post, receiveFinal, ts } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUESTION = '请问BGP协议实验ping不通怎么办?';

describe('the server as a process', () => {
  it('answers a reply that a SIGKILL interrupted after restarting on the same SQLite file', async () => {
    const env = { STORE: 'sqlite', SQLITE_PATH: join(dir, 'crash.db'), KB_CHUNK_DELAY_MS: '60' };
    const a = await spawnServer(env);
    const sid = newSessionId();
    await post(`${a.url}/mpweixin/chatbot/send`, { sessionId: sid, content: QUESTION, timestamp: ts() });
    // Wait until the reply is visibly in progress, then kill without warning.
    for (let i = 0; i < 100; i++) {
      const r = await get(`${a.url}/mpweixin/chatbot/receive`, { sessionId: sid });
      if (r.body.code === 100 && r.body.data.content) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    a.proc.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');

    const b = await spawnServer({ ...env, KB_CHUNK_DELAY_MS: '0' });
    try {
      expect(b.output()).toMatch(/scheduling unanswered messages/);
      const r = await receiveFinal(b.url, { sessionId: sid }, 10_000);
      expect(r.body.code).toBe(200);
      expect(r.body.data.content).toMatch(/^\*\*BGP实验ping不通怎么办\*\*/);
      expect(r.body.data.seq).toBe(1);
      // Exactly one turn: the restart did not duplicate the message.
      const next = await get(`${b.url}/mpweixin/chatbot/receive`, { sessionId: sid, after: 1 });
      expect(next.body.error).toBe('NO_SUCH_MESSAGE');
    } finally {
      b.proc.kill('SIGTERM');
      await b.exited;
    }
  });

  it('on SIGTERM tells sockets (1001), answers held long-polls, and exits 0', async () => {
    const s = await spawnServer({ STORE: 'sqlite', SQLITE_PATH: join(dir, 'term.db'), KB_CHUNK_DELAY_MS: '200', SHUTDOWN_GRACE: '300ms' });
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: QUESTION, timestamp: ts() });
    const sock = await TestSocket.open(s.wsUrl, sid);
    await sock.until((f) => f.some((x) => x.type === 'delta'));
    const held = fetch(`${s.url}/mpweixin/chatbot/receive?sessionId=${sid}&wait=20`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 100));
    s.proc.kill('SIGTERM');
    expect(await held).toMatchObject({ code: 100 });
    expect((await sock.closedWith()).code).toBe(WS_CLOSE.GOING_AWAY);
    expect(sock.of('bye')).toEqual([{ type: 'bye', reason: 'shutdown', closeCode: 1001 }]);
    expect(await s.exited).toEqual({ code: 0, signal: null });
  });

  it('stops at start-up with one line naming a bad variable', async () => {
    await expect(spawnServer({ PORT: '99999' })).rejects.toThrow(/mpchat: invalid configuration: PORT must be at most 65535/);
    await expect(spawnServer({ KB_DIR: join(dir, 'missing') })).rejects.toThrow(/mpchat: cannot start: .*missing/);
  });

  it('reloads the knowledge base on SIGHUP', async () => {
    const kb = join(dir, 'kb');
    mkdirSync(kb, { recursive: true });
    writeFileSync(join(kb, '01-a.md'), '# 路由\n\n## 静态路由怎么配置\n用 ip route-static 配置静态路由。\n');
    const s = await spawnServer({ STORE: 'memory', KB_DIR: kb, KB_CHUNK_DELAY_MS: '0' });
    try {
      const ask = async (content: string) => {
        const sid = newSessionId();
        await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content, timestamp: ts() });
        return (await receiveFinal(s.url, { sessionId: sid })).body.data.content as string;
      };
      expect(await ask('VLAN怎么划分')).not.toMatch(/^\*\*VLAN怎么划分\*\*/);
      writeFileSync(join(kb, '02-b.md'), '# 交换\n\n## VLAN怎么划分\n在交换机上用 vlan batch 创建 VLAN，再把端口加入。\n');
      s.proc.kill('SIGHUP');
      await expect.poll(() => s.output(), { timeout: 5_000 }).toMatch(/engine reloaded/);
      expect(await ask('VLAN怎么划分')).toMatch(/^\*\*VLAN怎么划分\*\*/);
    } finally {
      s.proc.kill('SIGTERM');
      await s.exited;
    }
  });

  it('keeps a session whose socket is active open past the idle TTL', async () => {
    const s = await spawnServer({ STORE: 'memory', SESSION_IDLE_TTL: '2s', SWEEP_INTERVAL: '1s', KB_CHUNK_DELAY_MS: '0' });
    try {
      const sid = newSessionId();
      await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: QUESTION, timestamp: ts() });
      const sock = await TestSocket.open(s.wsUrl, sid);
      const timer = setInterval(() => sock.send({ type: 'ping' }), 200);
      await new Promise((r) => setTimeout(r, 4_000));
      clearInterval(timer);
      expect(sock.closed).toBeUndefined();
      expect((await get(`${s.url}/mpweixin/chatbot/receive`, { sessionId: sid })).body.code).toBe(200);
    } finally {
      s.proc.kill('SIGTERM');
      await s.exited;
    }
  });

  it('closes idle sessions with the sweeper', async () => {
    const s = await spawnServer({ STORE: 'memory', SESSION_IDLE_TTL: '1s', SWEEP_INTERVAL: '1s', KB_CHUNK_DELAY_MS: '0' });
    try {
      const sid = newSessionId();
      await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: QUESTION, timestamp: ts() });
      expect((await receiveFinal(s.url, { sessionId: sid })).body.code).toBe(200);
      const sock = await TestSocket.open(s.wsUrl, sid);
      expect((await sock.closedWith(6_000)).code).toBe(WS_CLOSE.SESSION_CLOSED);
      const r = await get(`${s.url}/mpweixin/chatbot/receive`, { sessionId: sid });
      expect(r.body).toMatchObject({ code: 410, error: 'SESSION_CLOSED' });
    } finally {
      s.proc.kill('SIGTERM');
      await s.exited;
    }
  });
});
