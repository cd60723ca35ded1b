import type { AppendOutcome, AppendTurnInput, Turn } from '../../ports/store.js';
import { pendingTurn } from '../../ports/pending-turn.js';
import { settlementColumns } from '../relational-rows.js';
import { settledFields } from '../settled-turn.js';
import type { Run } from './mysql-pool.js';
import { toTurn, type SessionRow, type TurnRow } from './mysql-rows.js';
import { SESSIONS as S, TURNS as T, UNSETTLED } from './mysql-schema.js';

/**
 * {@link ChatStore.appendTurn} inside a transaction: the session row is locked (`FOR UPDATE`), so
 * the duplicate check, the limits and seq = lastSeq + 1 are decided by one writer at a time, on
 * any number of instances. A first send racing another for a new session loses on the primary key
 * and the transaction runs again (see `openMysql`).
 */
export async function appendTurnIn(run: Run, input: AppendTurnInput): Promise<AppendOutcome> {
  const [s] = await run<SessionRow[]>(`SELECT * FROM ${S} WHERE id = ? FOR UPDATE`, [input.sessionId]);
  if (s && s.closed_at !== null) return { kind: 'closed' };
  if (!s) {
    const [live] = await run<[{ n: number }]>(`SELECT COUNT(*) AS n FROM ${S} WHERE closed_at IS NULL`);
    // Sessions past their idle TTL (not swept yet) do not count: they must not keep a new user out.
    if (Number(live.n) >= input.maxLiveSessions && (await unexpired(run, input.idleCutoff)) >= input.maxLiveSessions) return { kind: 'full' };
    if (input.maxPending <= 0 && !input.settled) return { kind: 'busy', pending: 0 };
    // A new session has no turns: no retry to find, nothing unsettled, no quota used. A racing
    // first send of the same session fails here on the primary key; the transaction then runs again.
    await run(`INSERT INTO ${S} (id, created_at, last_active_at, closed_at, last_seq, owner, student, continued_from) VALUES (?, ?, ?, NULL, 1, ?, ?, ?)`, [
      input.sessionId,
      input.now,
      input.now,
      input.owner ?? null,
      input.student ?? null,
      input.continuedFrom ?? null,
    ]);
    return { kind: 'created', turn: await insertTurn(run, input, 1) };
  }
  // A turn stored settled (a teacher's reply) is never a retry and never waits for the engine.
  if (!input.settled) {
    const refused = await retryOrBusy(run, input);
    if (refused) return refused;
  }
  const lastSeq = s.last_seq;
  if (input.maxTurns > 0 && lastSeq >= input.maxTurns) return { kind: 'quota', limit: input.maxTurns };
  const seq = lastSeq + 1;
  await run(`UPDATE ${S} SET last_seq = ?, last_active_at = GREATEST(last_active_at, ?) WHERE id = ?`, [seq, input.now, input.sessionId]);
  return { kind: 'created', turn: await insertTurn(run, input, seq) };
}

/** The stored turn a retried send repeats, or a refusal when too many turns are unsettled; undefined: neither. */
async function retryOrBusy(run: Run, input: AppendTurnInput): Promise<AppendOutcome | undefined> {
  const dup = input.clientMsgId
    ? (await run<TurnRow[]>(`SELECT * FROM ${T} WHERE session_id = ? AND client_msg_id = ?`, [input.sessionId, input.clientMsgId]))[0]
    : // Compared in JS: MySQL's PAD SPACE collations would call 'hi' and 'hi ' equal.
      (await run<TurnRow[]>(`SELECT * FROM ${T} WHERE session_id = ? AND client_msg_id IS NULL AND ts = ?`, [input.sessionId, input.timestamp])).find(
        (r) => r.content === input.content,
      );
  if (dup) return { kind: 'duplicate', turn: toTurn(dup) };
  const [{ n: pending }] = await run<[{ n: number }]>(`SELECT COUNT(*) AS n FROM ${T} WHERE session_id = ? AND ${UNSETTLED}`, [
    input.sessionId,
  ]);
  if (Number(pending) >= input.maxPending) return { kind: 'busy', pending: Number(pending) };
  return undefined;
}

/** Open sessions active at or after `cutoff` (on the sessions_open_idle index); Infinity without a cutoff. */
async function unexpired(run: Run, cutoff: number | undefined): Promise<number> {
  if (cutoff === undefined) return Infinity;
  const [r] = await run<[{ n: number }]>(`SELECT COUNT(*) AS n FROM ${S} WHERE closed_at IS NULL AND last_active_at >= ?`, [cutoff]);
  return Number(r.n);
}

/** Inserts the turn `seq` as pending (or settled, when so asked) and returns it as stored. */
async function insertTurn(run: Run, input: AppendTurnInput, seq: number): Promise<Turn> {
  if (input.settled) {
    const c = settlementColumns(input.settled);
    await run(
      `INSERT INTO ${T} (session_id, seq, client_msg_id, content, ts, received_at, status, reply, reply_timestamp, error_code, error_message,
       sources, suggestions, matched, author, settled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [input.sessionId, seq, input.clientMsgId ?? null, input.content, input.timestamp, input.now, c.status, c.reply, c.replyTimestamp, c.errorCode, c.errorMessage, c.sources, c.suggestions, c.matched, c.author, c.settledAt],
    );
    return { ...pendingTurn(input, seq), ...settledFields(input.settled) };
  }
  await run(
    `INSERT INTO ${T} (session_id, seq, client_msg_id, content, ts, received_at, status, reply, sources)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', '', '[]')`,
    [input.sessionId, seq, input.clientMsgId ?? null, input.content, input.timestamp, input.now],
  );
  return pendingTurn(input, seq);
}
