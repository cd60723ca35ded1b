import { formatTimestamp, type ReceiveParams } from '@mpchat/contract';
import { isUnsettled, type Turn } from '../ports/store.js';
import { appendRefusal, sessionClosed } from './append-outcome.js';
import { ChatError } from '../errors/chat-error.js';
import { readTurn } from './receive-read.js';
import { openSession, type ServiceCore } from './service-core.js';
import { noSuchMessage, turnQueryOf } from './turn-query.js';
import { waitForSettled } from './wait-for-settled.js';

/** A user message to store. */
export interface SendInput {
  sessionId: string;
  content: string;
  timestamp: string;
  clientMsgId?: string | undefined;
  /** The caller's earlier session this message's new session continues (its last turns become the engine's memory). */
  continueFrom?: string | undefined;
}

/** What receive found: a settled turn, or one still generating with its text so far and when to poll again. */
export type ReceiveResult = { kind: 'settled'; turn: Turn } | { kind: 'generating'; turn: Turn; partial: string; retryAfterMs: number };

// Receive touches a session at most this often, so polling keeps it alive without a write per poll.
const TOUCH_EVERY_MS = 10_000;

/** Stores a user message and schedules its reply. */
export async function sendMessage(core: ServiceCore, input: SendInput): Promise<{ seq: number; duplicate: boolean }> {
  const { options } = core;
  const now = core.now();
  const { continueFrom, ...message } = input;
  const outcome = await core.store.appendTurn({
    ...message,
    continuedFrom: continueFrom,
    now,
    maxPending: options.maxPendingTurns,
    maxLiveSessions: options.maxLiveSessions,
    // Sessions past their idle TTL but not swept yet must not keep a new user out.
    idleCutoff: now - options.sessionIdleTtlMs,
    maxTurns: options.maxMessagesPerSession,
  });
  const refusal = appendRefusal(outcome, options.pollRetryAfterMs);
  if (refusal) throw refusal;
  // What `latest` and a timestamp pick has changed: this instance's cached reads of the session go.
  if (outcome.kind === 'created') core.turnCache?.forget(input.sessionId);
  const { turn } = outcome as { turn: Turn };
  if (outcome.kind === 'duplicate') {
    // The first attempt may have stored the turn but failed to schedule it: scheduling is idempotent.
    if (isUnsettled(turn.status)) await core.queue.schedule(input.sessionId);
    return { seq: turn.seq, duplicate: true };
  }
  // Message text is personal data: logged only at debug level.
  core.log.debug({ sessionId: input.sessionId, seq: turn.seq, content: input.content }, 'message stored');
  await core.queue.schedule(input.sessionId);
  return { seq: turn.seq, duplicate: false };
}

/**
 * Picks the turn (latest, at-or-after timestamp, or after seq), and when it is still generating
 * and `wait` > 0, holds until it settles, the wait ends, or `signal` aborts.
 */
export async function receiveTurn(core: ServiceCore, params: ReceiveParams, signal?: AbortSignal): Promise<ReceiveResult> {
  const query = turnQueryOf(params);
  const read = await readTurn(core, params.sessionId, query);
  const { session } = read;
  const now = core.now();
  if (now - session.lastActiveAt > TOUCH_EVERY_MS) {
    await core.store.touchSession(session.id, now);
    core.turnCache?.touched(session.id, now);
  }
  let turn = read.turn;
  if (!turn) throw noSuchMessage(query);
  if (isUnsettled(turn.status) && params.wait) {
    const result = await waitForSettled(core.bus, core.store, turn, params.wait * 1000, signal);
    if (result === 'closed') throw sessionClosed('this session was closed while waiting');
    turn = result;
  }
  if (turn.status === 'failed') throw ChatError.ofFailedTurn(turn);
  if (!isUnsettled(turn.status)) return { kind: 'settled', turn };
  const partial = core.runner.liveText(turn.sessionId, turn.seq) ?? turn.reply;
  return { kind: 'generating', turn, partial, retryAfterMs: core.options.pollRetryAfterMs };
}

/** Stops the reply being generated (its partial text becomes the reply), only turn `seq` when given. No-op when idle. */
export async function stopTurn(core: ServiceCore, sessionId: string, seq?: number): Promise<{ stopped: boolean; seq?: number }> {
  await openSession(core, sessionId);
  const turn = await core.store.nextUnsettled(sessionId);
  // With a seq, only that turn: a retried stop must not stop the next reply.
  if (!turn || (seq !== undefined && turn.seq !== seq)) return { stopped: false };
  await core.bus.publish({ type: 'stop', sessionId });
  if (turn.status === 'pending') {
    // Not started yet: it ends now, empty. (If a worker started it meanwhile, the stop event aborts it.)
    const settlement = { status: 'stopped' as const, reply: '', replyTimestamp: formatTimestamp(new Date(core.now()), core.options.timeZone) };
    if (await core.store.settleTurn(sessionId, turn.seq, settlement)) {
      await core.bus.publish({ type: 'settled', sessionId, turn: { ...turn, ...settlement } });
    }
  }
  return { stopped: true, seq: turn.seq };
}
