import {
  HISTORY_PAGE_SIZE,
  SESSIONS_PAGE_SIZE,
  sessionsCursorOf,
  type HistoryTurn,
  type SessionsCursor,
  type SessionSummary,
} from '@mpchat/contract';
import { clientKeyOf } from '../auth/identity.js';
import { isUnsettled, type SessionRecord, type Turn } from '../ports/store.js';
import type { Caller } from './caller.js';
import { ChatError } from '../errors/chat-error.js';
import type { ServiceCore } from './service-core.js';
import type { Admit } from './session-streams.js';

/** Longest title in characters: about one line of a phone screen. */
const TITLE_CHARS = 40;

/** One page of a list, as the contract pages: the items and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A session's first question as a one-line title: whitespace collapsed, cut with … past {@link TITLE_CHARS}. */
export function titleOf(firstQuestion: string): string {
  const chars = Array.from(firstQuestion.replace(/\s+/g, ' ').trim());
  return chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS).join('')}…` : chars.join('');
}

const summaryOf = (s: SessionRecord, firstQuestion: string): SessionSummary => ({
  sessionId: s.id,
  title: titleOf(firstQuestion),
  createdAt: new Date(s.createdAt).toISOString(),
  lastActiveAt: new Date(s.lastActiveAt).toISOString(),
  turns: s.lastSeq,
  status: s.closedAt === null ? 'open' : 'closed',
});

const turnOf = (t: Turn): HistoryTurn => ({
  seq: t.seq,
  content: t.content,
  timestamp: t.timestamp,
  reply: t.reply,
  replyTimestamp: t.replyTimestamp,
  status: isUnsettled(t.status) ? 'generating' : (t.status as Exclude<Turn['status'], 'pending'>),
  ...(t.status === 'failed' && t.errorCode ? { error: t.errorCode } : {}),
  sources: t.sources,
  ...(t.suggestions.length > 0 ? { suggestions: t.suggestions } : {}),
  ...(t.author === 'teacher' ? { from: 'teacher' as const } : {}),
});

/**
 * A student's own history (`chat.history`): the list of their sessions and every turn of one, open
 * or closed, while its transcript is kept. Every call passes the service's `admit`, which lets only
 * an identified owner through, for any transport.
 */
export class SessionHistory {
  constructor(
    private readonly core: ServiceCore,
    private readonly admit: Admit,
  ) {}

  /** The caller's sessions, most recently active first, after `cursor`. */
  async list(caller: Caller, cursor?: SessionsCursor): Promise<Page<SessionSummary>> {
    await this.admit(caller, 'listSessions');
    const rows = await this.core.store.listOwnedSessions(clientKeyOf(caller.identity), { before: cursor, limit: SESSIONS_PAGE_SIZE + 1 });
    const page = rows.slice(0, SESSIONS_PAGE_SIZE);
    const last = page.at(-1);
    return { items: page.map((s) => summaryOf(s, s.firstQuestion)), nextCursor: rows.length > page.length && last ? sessionsCursorOf(last) : null };
  }

  /**
   * One of the caller's sessions and its turns after seq `after`, oldest first. A closed session
   * whose transcript is gone has nothing to read: SESSION_NOT_FOUND, as for anyone else's.
   */
  async read(caller: Caller, sessionId: string, after = 0): Promise<Page<HistoryTurn> & { session: SessionSummary }> {
    const session = (await this.admit(caller, 'readHistory', sessionId))!;
    const turns = await this.core.store.turnsAfter(sessionId, after, HISTORY_PAGE_SIZE + 1);
    const first = after === 0 ? turns[0] : await this.core.store.getTurn(sessionId, 1);
    if (session.closedAt !== null && !first) throw new ChatError('SESSION_NOT_FOUND', 'this conversation is no longer kept');
    const page = turns.slice(0, HISTORY_PAGE_SIZE);
    const last = page.at(-1);
    return {
      session: summaryOf(session, first?.content ?? ''),
      items: page.map(turnOf),
      nextCursor: turns.length > page.length && last ? String(last.seq) : null,
    };
  }
}
