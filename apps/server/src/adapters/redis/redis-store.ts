import type { Redis } from 'ioredis';
import type { AppendOutcome, AppendTurnInput, ChatStore, ClosedSession, OwnedSession, OwnedSessionsPage, SessionRecord, PartialReply, Settlement, Turn, TurnQuery } from '../../ports/store.js';
import { closeConnection, guard } from './redis-connection.js';
import * as read from './redis-read-scripts.js';
import { RedisRecords } from './redis-records.js';
import * as lua from './redis-store-scripts.js';
import { savePartialsIn } from './redis-partials.js';
import { decodeSession, decodeTurn, settlementArgs, toRecord } from './redis-turn-codec.js';

/**
 * Key layout under the prefix P (REDIS_PREFIX). The Lua scripts build the same names.
 *
 * | key            | type   | holds                                                          |
 * |----------------|--------|----------------------------------------------------------------|
 * | P s:<sid>      | hash   | createdAt, lastActiveAt, closedAt (absent while open), lastSeq, owner, continuedFrom (absent: none) |
 * | P t:<sid>:<n>  | hash   | turn n (see redis-turn-codec.ts)                               |
 * | P u:<sid>      | zset   | seqs of unsettled turns (score = seq)                          |
 * | P m:<sid>      | hash   | clientMsgId → seq (retry detection)                            |
 * | P d:<sid>      | hash   | timestamp + sha1(content) → seq, for sends without clientMsgId |
 * | P ts:<sid>     | list   | client timestamp of turn i at index i-1 (receive by timestamp) |
 * | P live         | zset   | open sessions by lastActiveAt (idle sweep, live count)         |
 * | P act          | zset   | every stored session by lastActiveAt (teachers' lists)          |
 * | P st:<student> | set    | session ids of one student pseudonym (forget)                  |
 * | P secret:<n>   | string | server secret n, shared by every instance                      |
 * | P closed       | zset   | tombstones by closedAt (purge)                                 |
 * | P work         | set    | open sessions with unsettled turns (reconcile)                 |
 * | P o:<owner>    | zset   | the owner's sessions by lastActiveAt (their history list)      |
 * | P fb, P fbt    |        | feedback, kept when sessions go (see redis-feedback.ts)         |
 * | P mod…, P grp… |        | moderation log, group decisions (see redis-course-records.ts)   |
 * | P kb, P kbv:<id> |      | the knowledge base's versions (see redis-knowledge.ts)          |
 */
export const storeKeys = (p: string) => ({
  session: (sid: string) => `${p}s:${sid}`,
  turn: (sid: string, seq: number) => `${p}t:${sid}:${seq}`,
  live: `${p}live`,
  closed: `${p}closed`,
  work: `${p}work`,
});

// Tombstones forgotten per script call, so one purge never blocks Redis for long.
const PURGE_BATCH = 200;

/**
 * The shared store: every instance reads and writes the same Redis. Each operation that decides
 * something (append, start, requeue, settle, close, purge) is one Lua script, so it is atomic
 * across instances exactly as the SQLite store's transactions are within one process; reads of
 * several keys are scripts too, so they see one consistent state.
 *
 * Idle expiry uses the `live` sorted set (score = lastActiveAt): the chat service's sweeper calls
 * `closeIdle`, one script that pops the oldest batch and closes it, so several instances share the
 * sweep without closing a session twice; `purgeClosed` forgets old tombstones.
 *
 * Failures to reach Redis throw {@link StoreUnavailableError} (503 STORE_UNAVAILABLE) at once:
 * the `command` connection has no offline queue and a short command timeout.
 */
export class RedisStore extends RedisRecords implements ChatStore {
  readonly kind = 'redis';
  private readonly keys;

  /**
   * @param client a `command` connection (see createRedisConnection)
   * @param prefix key prefix, e.g. `mpchat:`
   * @param ownsClient whether {@link close} closes the connection
   */
  constructor(
    client: Redis,
    prefix: string,
    private readonly ownsClient = true,
  ) {
    super(client, prefix);
    this.keys = storeKeys(prefix);
  }

  async appendTurn(input: AppendTurnInput): Promise<AppendOutcome> {
    const r = (await this.run(
      lua.APPEND,
      input.sessionId,
      input.content,
      input.timestamp,
      input.clientMsgId ?? '',
      input.now,
      input.maxPending,
      input.maxLiveSessions,
      input.maxTurns,
      input.owner ?? '',
      input.idleCutoff ?? '',
      input.student ?? '',
      input.continuedFrom ?? '',
      input.settled ? '1' : '',
      ...(input.settled ? settlementArgs(input.settled) : []),
    )) as [string, ...unknown[]];
    switch (r[0]) {
      case 'created':
      case 'duplicate':
        return { kind: r[0], turn: decodeTurn(input.sessionId, r[1] as string[])! };
      case 'busy':
        return { kind: 'busy', pending: Number(r[1]) };
      case 'quota':
        return { kind: 'quota', limit: input.maxTurns };
      case 'full':
        return { kind: 'full' };
      default:
        return { kind: 'closed' };
    }
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    return decodeSession(sessionId, await guard(this.client.hgetall(this.keys.session(sessionId))));
  }

  async listOwnedSessions(owner: string, page: OwnedSessionsPage): Promise<OwnedSession[]> {
    const { before } = page;
    const rows = (await this.run(read.LIST_OWNED, owner, before?.lastActiveAt ?? '', before?.id ?? '', page.limit)) as [string, string[], string][];
    return rows.map(([sid, flat, firstQuestion]) => ({ ...decodeSession(sid, toRecord(flat))!, firstQuestion }));
  }

  async touchSession(sessionId: string, now: number): Promise<void> {
    await this.run(lua.TOUCH, sessionId, now);
  }

  async getTurn(sessionId: string, seq: number): Promise<Turn | undefined> {
    const h = await guard(this.client.hgetall(this.keys.turn(sessionId, seq)));
    return decodeTurn(sessionId, Object.entries(h).flat());
  }

  async findTurn(sessionId: string, query: TurnQuery): Promise<Turn | undefined> {
    const value = query.kind === 'after' ? query.seq : query.kind === 'atOrAfter' ? query.timestamp : '';
    return decodeTurn(sessionId, (await this.run(read.FIND, sessionId, query.kind, value)) as string[]);
  }

  async turnsAfter(sessionId: string, afterSeq: number, limit: number): Promise<Turn[]> {
    const rows = (await this.run(read.TURNS_AFTER, sessionId, afterSeq, limit)) as string[][];
    return rows.map((r) => decodeTurn(sessionId, r)!);
  }

  async history(sessionId: string, beforeSeq: number, limit: number): Promise<Turn[]> {
    const rows = (await this.run(read.HISTORY, sessionId, beforeSeq, limit)) as string[][];
    return rows.map((r) => decodeTurn(sessionId, r)!);
  }

  async nextUnsettled(sessionId: string): Promise<Turn | undefined> {
    return decodeTurn(sessionId, (await this.run(read.NEXT_UNSETTLED, sessionId)) as string[]);
  }

  async sessionsWithUnsettled(): Promise<string[]> {
    return guard(this.client.smembers(this.keys.work));
  }

  async startTurn(sessionId: string, seq: number): Promise<boolean> {
    return (await this.run(lua.START, sessionId, seq)) === 1;
  }

  async requeueTurn(sessionId: string, seq: number): Promise<boolean> {
    return (await this.run(lua.REQUEUE, sessionId, seq)) === 1;
  }

  async savePartial(sessionId: string, seq: number, reply: string): Promise<void> {
    await this.run(lua.SAVE_PARTIAL, sessionId, seq, reply);
  }

  async savePartials(batch: readonly PartialReply[]): Promise<void> {
    await savePartialsIn((script, args) => this.run(script, ...args), batch);
  }

  async settleTurn(sessionId: string, seq: number, s: Settlement): Promise<boolean> {
    return (await this.run(lua.SETTLE, sessionId, seq, ...settlementArgs(s))) === 1;
  }

  async closeSession(sessionId: string, now: number, retainTranscript: boolean): Promise<boolean> {
    return (await this.run(lua.CLOSE, sessionId, now, retainTranscript ? '1' : '0')) === 1;
  }

  async idleSessions(cutoff: number, limit: number): Promise<string[]> {
    return guard(this.client.zrangebyscore(this.keys.live, '-inf', `(${cutoff}`, 'LIMIT', 0, limit));
  }

  async closeIdle(cutoff: number, limit: number, now: number, retainTranscript: boolean): Promise<ClosedSession[]> {
    const pairs = (await this.run(lua.CLOSE_IDLE, cutoff, limit, now, retainTranscript ? '1' : '0')) as string[];
    const closed: ClosedSession[] = [];
    for (let i = 0; i < pairs.length; i += 2) closed.push({ id: pairs[i]!, owner: pairs[i + 1] || null });
    return closed;
  }

  async purgeClosed(cutoff: number, limit?: number): Promise<number> {
    if (limit !== undefined) return Number(await this.run(lua.PURGE, cutoff, limit));
    let total = 0;
    for (;;) {
      const n = Number(await this.run(lua.PURGE, cutoff, PURGE_BATCH));
      total += n;
      if (n < PURGE_BATCH) return total;
    }
  }

  async liveSessions(): Promise<number> {
    return guard(this.client.zcard(this.keys.live));
  }

  async ping(): Promise<void> {
    await guard(this.client.ping());
  }

  async close(): Promise<void> {
    if (this.ownsClient) await closeConnection(this.client);
  }
}
