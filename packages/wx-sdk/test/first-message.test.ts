// Regressions of the first message after a cold start, while its POST is still in flight.
import { until } from '@mpchat/testkit';
import { describe, expect, inject, it } from 'vitest';
import { ChatError } from '../src/index.js';
import { BGP, BGP_TITLE, wxClient } from './helpers.js';

const isSend = (r: { url: string }) => r.url.endsWith('/send');

/** What the server says about turn `after + 1` of a session (receive, no wait). */
async function receive(baseUrl: string, sessionId: string, after = 0): Promise<{ code: number; error?: string; data: { status?: string } }> {
  const res = await fetch(`${baseUrl}/mpweixin/chatbot/receive?sessionId=${sessionId}&after=${after}`);
  return (await res.json()) as { code: number; error?: string; data: { status?: string } };
}

describe.concurrent('the first message while its POST is in flight', () => {
  it('stop() waits for the send and stops the reply on the server (was {stopped:false}, the whole answer came)', async () => {
    const { client, shim } = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket' });
    const hold = shim.holdAnswers(isSend);
    const reply = client.send(BGP);
    await until(() => hold.caught === 1, 10_000, 'the send reached the server');
    const stopping = client.stop();
    hold.release();
    expect(await stopping).toEqual({ stopped: true, seq: 1 });
    const r = await reply;
    expect(r.status).toBe('stopped');
    expect(r.content.length).toBeLessThan(BGP_TITLE.length + 400);
    expect((await receive(inject('slowUrl'), client.sessionId!)).data.status).toBe('stopped');
    await client.destroy();
  });

  it('destroy() tells the server, which closes the session (was: the message generated in full and kept)', async () => {
    const { client, shim } = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket' });
    const hold = shim.holdAnswers(isSend);
    const reply = client.send(BGP).catch((e: unknown) => e);
    await until(() => hold.caught === 1, 10_000, 'the send reached the server');
    const destroying = client.destroy();
    hold.release();
    await destroying;
    expect(await reply).toMatchObject({ code: 'SESSION_CLOSED' });
    expect(await reply).toBeInstanceOf(ChatError);
    expect((await receive(inject('slowUrl'), client.sessionId!)).error).toBe('SESSION_CLOSED');
    expect(shim.requests.filter((r) => r.url.endsWith('/destroy'))).toHaveLength(1);
  });

  it('messages are stored in call order even when wx.getRandomValues answers out of order (were seqs 5..1)', async () => {
    const { client, shim } = wxClient({ baseUrl: inject('fastUrl'), transport: 'socket', sessionId: crypto.randomUUID() });
    // Each send draws its clientMsgId; the first draw comes back last.
    shim.randomDelays.push(80, 60, 40, 20, 1);
    const questions = ['OSPF', 'VLAN', 'DHCP', 'RIP', '静态路由'];
    const replies = await Promise.all(questions.map((q) => client.send(q)));
    expect(replies.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    const stored = shim.requests.filter(isSend).map((r) => (r.body as { content: string }).content);
    expect(stored).toEqual(questions);
    await client.destroy();
  });
});
