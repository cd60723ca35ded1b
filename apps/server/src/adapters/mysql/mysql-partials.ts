import type { PartialReply } from '../../ports/store.js';
import { TURNS as T, UNSETTLED } from './mysql-schema.js';

/** Turns per statement at most: bounds the placeholders (3 each) and the statement's parse. */
const ROWS_PER_STATEMENT = 500;
/** Reply characters per statement at most (≤ 4 MB in UTF-8): well under the server's max_allowed_packet. */
const CHARS_PER_STATEMENT = 1024 * 1024;

/**
 * Saves a batch of partial replies: one UPDATE joined to the batch as a derived table, only of
 * unsettled turns. A very large batch (many turns or long replies) takes a few such statements,
 * sent one after another.
 */
export async function savePartialsIn(query: (sql: string, values: unknown[]) => Promise<unknown>, batch: readonly PartialReply[]): Promise<void> {
  // In key order: two instances' batches that share turns (one taking over from the other) then
  // lock those rows in the same order and cannot deadlock each other.
  const ordered = [...batch].sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.seq - b.seq));
  for (const part of slices(ordered)) {
    const rows = part.map((_, j) => (j === 0 ? 'SELECT ? AS session_id, ? AS seq, ? AS reply' : 'SELECT ?, ?, ?')).join(' UNION ALL ');
    await query(
      `UPDATE ${T} t JOIN (${rows}) p ON t.session_id = p.session_id AND t.seq = p.seq SET t.reply = p.reply WHERE t.${UNSETTLED}`,
      part.flatMap((p) => [p.sessionId, p.seq, p.reply]),
    );
  }
}

/** The batch cut into statements of at most {@link ROWS_PER_STATEMENT} turns and about {@link CHARS_PER_STATEMENT} characters. */
export function slices(batch: readonly PartialReply[]): PartialReply[][] {
  const out: PartialReply[][] = [];
  let part: PartialReply[] = [];
  let chars = 0;
  for (const p of batch) {
    if (part.length > 0 && (part.length >= ROWS_PER_STATEMENT || chars + p.reply.length > CHARS_PER_STATEMENT)) {
      out.push(part);
      part = [];
      chars = 0;
    }
    part.push(p);
    chars += p.reply.length;
  }
  if (part.length > 0) out.push(part);
  return out;
}
