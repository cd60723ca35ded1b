import { formatTimestamp, type ErrorCode, type Source } from '@mpchat/contract';
import type { Settlement } from '../ports/store.js';

/** How a generation ended, as the turn runner saw it. */
export interface GenerationEnd {
  /** The reply as released to clients. */
  text: string;
  sources: Source[];
  suggestions: string[];
  /** What the engine said about finding an answer (null: it did not say). */
  matched: boolean | null;
  failure: { code: ErrorCode; message: string } | undefined;
  /** Why it was aborted, if it was: a stopped, closed, timed-out or blocked reply. */
  reason: string | undefined;
  /** The canned reply that replaces a blocked one (undefined: not blocked). */
  blockedReply: string | undefined;
  settledAt: number;
  timeZone: string;
}

/** The settlement of an engine's reply: its status, text, metadata, and what the teachers' lists read. */
export function engineSettlement(end: GenerationEnd): Settlement {
  const { failure, reason } = end;
  const blocked = end.blockedReply !== undefined;
  return {
    status: blocked ? 'blocked' : failure ? 'failed' : reason === 'stop' || reason === 'closed' ? 'stopped' : 'completed',
    reply: blocked ? end.blockedReply! : end.text,
    replyTimestamp: replyTimestamp(end.settledAt, end.timeZone),
    errorCode: failure?.code ?? null,
    errorMessage: failure?.message ?? null,
    sources: end.sources,
    // A stopped or failed reply is not a basis for follow-ups.
    suggestions: failure || reason ? [] : end.suggestions,
    // Whether the knowledge base had an answer counts only for a reply that ran its course.
    matched: failure || reason ? null : end.matched,
    author: 'engine',
    settledAt: end.settledAt,
  };
}

/** The last reply timestamp written, per time zone: replies settling within one second share it. */
const lastWritten = new Map<string, { second: number; text: string }>();

/**
 * `formatTimestamp` of `at`, reusing the text of the previous reply settled in the same second and
 * zone: the zone's calendar lookup costs more than the rest of a settlement, and under load many
 * replies settle within each second.
 */
export function replyTimestamp(at: number, timeZone: string): string {
  const second = Math.floor(at / 1000);
  const last = lastWritten.get(timeZone);
  if (last?.second === second) return last.text;
  const text = formatTimestamp(new Date(at), timeZone);
  lastWritten.set(timeZone, { second, text });
  return text;
}
