// Answer feedback, the teachers' export and the welcome message through the SDK, in the wx shim, against the real server.
import { describe, expect, inject, it } from 'vitest';
import { ChatError, type TransportKind } from '../src/index.js';
import { BGP, wxClient } from './helpers.js';

async function exported(sessionId: string) {
  const r = await fetch(`${inject('fastUrl').replace(/\/mpweixin\/chatbot$/, '')}/admin/feedback`, { headers: { Authorization: `Bearer ${inject('adminToken')}` } });
  const body = (await r.json()) as { data: { items: { sessionId: string; seq: number; rating: string; comment: string; question: string }[] } };
  return body.data.items.filter((i) => i.sessionId === sessionId);
}

describe.concurrent('suggestions, feedback and the welcome (wx adapter)', () => {
  it.each(['socket', 'longpoll', 'poll'] as TransportKind[])('over %s: the reply carries follow-up suggestions', async (transport) => {
    const { client } = wxClient({ baseUrl: inject('fastUrl'), transport, pollIntervalMs: 250 });
    const reply = await client.send(BGP);
    expect(reply.suggestions!.length).toBeGreaterThan(0);
    expect(reply.suggestions!.length).toBeLessThanOrEqual(3);
    // A suggestion is a question the knowledge base answers: sending it gets a real entry.
    const next = await client.send(reply.suggestions![0]!);
    expect(next.content.startsWith('**')).toBe(true);
    await client.destroy();
  });

  it('rates an answer, replaces the rating, and the teachers’ export shows it', async () => {
    const { client, shim } = wxClient({ baseUrl: inject('fastUrl'), transport: 'socket' });
    const reply = await client.send(BGP);
    await client.feedback(reply.seq, 'up');
    await client.feedback(reply.seq, 'down', '没有讲 AS 号');
    expect(shim.requests.filter((r) => r.url.endsWith('/feedback')).map((r) => r.body)).toEqual([
      { sessionId: client.sessionId, seq: 1, rating: 'up' },
      { sessionId: client.sessionId, seq: 1, rating: 'down', comment: '没有讲 AS 号' },
    ]);
    expect(await exported(client.sessionId!)).toMatchObject([{ seq: 1, rating: 'down', comment: '没有讲 AS 号', question: BGP }]);
    await client.destroy();
  });

  it('rejects feedback on a turn that does not exist with NO_SUCH_MESSAGE', async () => {
    const { client } = wxClient({ baseUrl: inject('fastUrl'), transport: 'longpoll' });
    await client.send(BGP);
    const err = await client.feedback(7, 'up').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect((err as ChatError).code).toBe('NO_SUCH_MESSAGE');
    await client.destroy();
  });

  it('reads the greeting and starters', async () => {
    const { client } = wxClient({ baseUrl: inject('fastUrl'), transport: 'poll' });
    const welcome = await client.welcome();
    expect(welcome.greeting).toMatch(/网络实验助教/);
    expect(welcome.starters).toContain('BGP实验ping不通怎么办？');
  });
});
