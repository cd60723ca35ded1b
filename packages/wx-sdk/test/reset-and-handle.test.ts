// 新对话 without rebuilding the client, resuming after a cold start, and stopping a send without an
// AbortSignal (mini-programs have none).
import { until } from '@mpchat/testkit';
import { describe, expect, inject, it } from 'vitest';
import { ChatClient, wxAdapter } from '../src/index.js';
import { BGP, deltaLog, wxClient } from './helpers.js';

describe.concurrent('reset() and lastSeq', () => {
  it('reset() destroys the old session on the server, starts a new one and keeps the listeners', async () => {
    const { client, shim, statuses } = wxClient({ baseUrl: inject('fastUrl'), transport: 'socket' });
    expect(client.lastSeq).toBe(0);
    await client.send('OSPF');
    expect(client.lastSeq).toBe(1);
    const old = client.sessionId!;

    const fresh = await client.reset();
    expect(fresh).not.toBe(old);
    expect(client.sessionId).toBe(fresh);
    expect(client.lastSeq).toBe(0);
    const gone = await fetch(`${inject('fastUrl')}/mpweixin/chatbot/receive?sessionId=${old}&after=0`).then((r) => r.json());
    expect(gone).toMatchObject({ error: 'SESSION_CLOSED' });

    const seen = statuses.length;
    const reply = await client.send('VLAN');
    expect(reply).toMatchObject({ seq: 1, sessionId: fresh });
    expect(client.status).toBe('open');
    // The listener added before reset() still hears the new session's status.
    expect(statuses.slice(seen)).toContain('open/socket');
    await client.destroy();
    expect(shim.liveSockets).toBe(0);
  });

  it('lastSeq lets an app resume after a cold start: the new client gets only the replies after it', async () => {
    const { client } = wxClient({ baseUrl: inject('fastUrl'), transport: 'longpoll' });
    await client.send('OSPF');
    await client.send('VLAN');
    const saved = { sessionId: client.sessionId!, lastSeq: client.lastSeq };
    expect(saved.lastSeq).toBe(2);
    const { client: again } = wxClient({ baseUrl: inject('fastUrl'), transport: 'longpoll', sessionId: saved.sessionId, after: saved.lastSeq });
    expect(again.lastSeq).toBe(2);
    expect((await again.send('DHCP')).seq).toBe(3);
    await again.destroy();
  });
});

describe.concurrent('a send without an AbortSignal', () => {
  it('send() returns a handle whose stop() stops this reply on the server', async () => {
    const { client } = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket' });
    const log = deltaLog();
    const handle = client.send(BGP, { onDelta: log.onDelta });
    await until(() => log.deltas.length > 0, 10_000, 'the first words');
    expect(await handle.stop()).toEqual({ stopped: true, seq: 1 });
    const reply = await handle;
    expect(reply.status).toBe('stopped');
    expect(reply.content).toBe(log.textSoFar);
    await client.destroy();
  });

  it("the handle's abort() stops waiting (ABORTED) and the client goes on", async () => {
    const { client } = wxClient({ baseUrl: inject('slowUrl'), transport: 'poll', pollIntervalMs: 100 });
    const handle = client.send(BGP);
    handle.abort();
    await expect(handle).rejects.toMatchObject({ code: 'ABORTED' });
    expect((await client.send('OSPF')).content.length).toBeGreaterThan(0);
    await client.destroy();
  });

  it('signal stays as sugar: an AbortController still aborts a send', async () => {
    const client = new ChatClient({ baseUrl: inject('slowUrl'), transport: 'poll', pollIntervalMs: 100, adapter: wxAdapter(new (await import('@mpchat/testkit')).WxShim()) });
    const ac = new AbortController();
    const sending = client.send(BGP, { signal: ac.signal });
    ac.abort();
    await expect(sending).rejects.toMatchObject({ code: 'ABORTED' });
    await client.destroy();
  });
});
