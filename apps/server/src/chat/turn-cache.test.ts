import { describe, expect, it } from 'vitest';
import { LocalBus } from '../adapters/local/local-bus.js';
import type { SessionRecord, Turn } from '../ports/store.js';
import { queryKey, TurnCache } from './turn-cache.js';

const session = (id: string, lastSeq = 1): SessionRecord => ({ id, createdAt: 1, lastActiveAt: 1, closedAt: null, lastSeq, owner: null, student: null });
const turn = (sessionId: string, seq = 1, status: Turn['status'] = 'completed'): Turn => ({
  sessionId,
  seq,
  clientMsgId: null,
  content: 'q',
  timestamp: '2023/11/03 15:30:00',
  receivedAt: 1,
  status,
  reply: 'a',
  replyTimestamp: status === 'completed' ? '2023/11/03 15:30:01' : null,
  errorCode: null,
  errorMessage: null,
  sources: [],
  suggestions: [],
});
const LATEST = queryKey({ kind: 'latest' });

/** A cache wired to a real in-process bus, as the chat service wires it. */
function cacheOnBus(max = 100) {
  const bus = new LocalBus();
  const cache = new TurnCache(max);
  bus.subscribeAll((e) => cache.onEvent(e));
  const fill = (sid: string, t = turn(sid), key = LATEST) => cache.fill(cache.begin(), key, { session: session(sid, t.seq), turn: t });
  return { bus, cache, fill };
}

describe('TurnCache', () => {
  it('serves a filled read until the turn settles (settled event)', async () => {
    const { bus, cache, fill } = cacheOnBus();
    fill('s1', turn('s1', 1, 'generating'));
    expect(cache.get('s1', LATEST)?.turn.status).toBe('generating');
    await bus.publish({ type: 'settled', sessionId: 's1', turn: turn('s1') });
    expect(cache.get('s1', LATEST)).toBeUndefined();
  });

  it('drops a session when it closes (closed event, as destroy and the idle sweeper publish)', async () => {
    const { bus, cache, fill } = cacheOnBus();
    fill('s1');
    fill('s2');
    await bus.publish({ type: 'closed', sessionId: 's1', reason: 'destroyed' });
    expect(cache.get('s1', LATEST)).toBeUndefined();
    expect(cache.get('s2', LATEST)?.turn.seq).toBe(1);
    await bus.publish({ type: 'closed', sessionId: 's2', reason: 'expired' });
    expect(cache.get('s2', LATEST)).toBeUndefined();
  });

  it('keeps a session through events that change nothing receive answers (delta, stop, socket)', async () => {
    const { bus, cache, fill } = cacheOnBus();
    fill('s1', turn('s1', 1, 'generating'));
    await bus.publish({ type: 'delta', sessionId: 's1', seq: 1, offset: 0, text: 'x' });
    await bus.publish({ type: 'socket', sessionId: 's1', connectionId: 'c', openedAt: 1 });
    expect(cache.get('s1', LATEST)?.turn.seq).toBe(1);
  });

  it('drops a session when a send stores a new turn (forget)', () => {
    const { cache, fill } = cacheOnBus();
    fill('s1');
    cache.forget('s1');
    expect(cache.get('s1', LATEST)).toBeUndefined();
  });

  it('does not keep a read that raced an invalidation (regression: a fill begun before a settle kept the unsettled turn)', async () => {
    const { bus, cache } = cacheOnBus();
    const ticket = cache.begin();
    // ...the store is read here, the turn is still generating; meanwhile it settles:
    await bus.publish({ type: 'settled', sessionId: 's1', turn: turn('s1') });
    cache.fill(ticket, LATEST, { session: session('s1'), turn: turn('s1', 1, 'generating') });
    expect(cache.get('s1', LATEST)).toBeUndefined();
  });

  it('never keeps a closed session', () => {
    const { cache } = cacheOnBus();
    cache.fill(cache.begin(), LATEST, { session: { ...session('s1'), closedAt: 5 }, turn: turn('s1') });
    expect(cache.get('s1', LATEST)).toBeUndefined();
  });

  it('keys reads by query, and starts over when the session has a newer turn', () => {
    const { cache, fill } = cacheOnBus();
    fill('s1', turn('s1', 1), queryKey({ kind: 'after', seq: 0 }));
    expect(cache.get('s1', queryKey({ kind: 'after', seq: 0 }))?.turn.seq).toBe(1);
    expect(cache.get('s1', queryKey({ kind: 'atOrAfter', timestamp: '2023/11/03 15:30:00' }))).toBeUndefined();
    fill('s1', turn('s1', 2), LATEST);
    expect(cache.get('s1', queryKey({ kind: 'after', seq: 0 }))).toBeUndefined();
    expect(cache.get('s1', LATEST)?.turn.seq).toBe(2);
  });

  it('holds at most maxSessions sessions, dropping the least recently used', () => {
    const { cache, fill } = cacheOnBus(2);
    fill('s1');
    fill('s2');
    cache.get('s1', LATEST);
    fill('s3');
    expect(cache.size).toBe(2);
    expect(cache.get('s2', LATEST)).toBeUndefined();
    expect(cache.get('s1', LATEST)?.turn.seq).toBe(1);
  });

  it('remembers when receive last touched the session', () => {
    const { cache, fill } = cacheOnBus();
    fill('s1');
    cache.touched('s1', 50_000);
    expect(cache.get('s1', LATEST)?.session.lastActiveAt).toBe(50_000);
  });
});
