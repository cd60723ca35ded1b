import type { AdminConversationsParams, ConversationSummary, ConversationTurn } from '@mpchat/contract';
import { ChatError } from '../errors/chat-error.js';
import { isUnsettled, type FeedbackRecord, type OwnedSession, type Turn } from '../ports/store.js';
import { decodeTimeCursor, encodeCursor } from './admin-cursor.js';
import { isQuestion, sessionTurns } from './course-scan.js';
import type { ServiceCore } from './service-core.js';

const iso = (ms: number) => new Date(ms).toISOString();

// Sessions one list request reads at most: with a narrow filter most sessions do not qualify, so a
// short page comes back with a cursor rather than a request that reads the whole course.
const SCAN_BUDGET = 400;
const STORE_PAGE = 50;

/** A conversation as read for the teachers: the session, its turns and their ratings. */
interface Conversation {
  session: OwnedSession;
  turns: Turn[];
  feedback: Map<number, FeedbackRecord>;
}

async function readConversation(core: ServiceCore, session: OwnedSession): Promise<Conversation> {
  const turns: Turn[] = [];
  for await (const t of sessionTurns(core, session.id)) turns.push(t);
  const feedback = new Map((await core.store.sessionFeedback(session.id)).map((f) => [f.seq, f]));
  return { session, turns, feedback };
}

function summaryOf({ session, turns, feedback }: Conversation): ConversationSummary {
  const questions = turns.filter(isQuestion);
  return {
    sessionId: session.id,
    student: session.student,
    createdAt: iso(session.createdAt),
    lastActiveAt: iso(session.lastActiveAt),
    closedAt: session.closedAt === null ? null : iso(session.closedAt),
    turns: questions.length,
    firstQuestion: questions[0]?.content ?? session.firstQuestion,
    downvoted: [...feedback.values()].some((f) => f.rating === 'down'),
    unanswered: questions.some((t) => t.matched === false),
    blocked: questions.some((t) => t.status === 'blocked'),
  };
}

function matches(c: Conversation, summary: ConversationSummary, query: AdminConversationsParams): boolean {
  if (query.filter && !summary[query.filter]) return false;
  if (!query.q) return true;
  const q = query.q.toLowerCase();
  return c.turns.some((t) => t.content.toLowerCase().includes(q) || t.reply.toLowerCase().includes(q));
}

/**
 * One page of the retained conversations, most recently active first: sessions are read from the
 * store a page at a time and each one's turns and ratings decide the filter. At most
 * {@link SCAN_BUDGET} sessions are read per request; a page cut short by it still answers a
 * cursor, so the client reads on.
 */
export async function listConversations(core: ServiceCore, query: AdminConversationsParams): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const start = decodeTimeCursor(query.cursor);
  let before = start ? { lastActiveAt: start.at, id: start.id } : undefined;
  const items: ConversationSummary[] = [];
  let scanned = 0;
  for (;;) {
    const page = await core.store.listSessions({ from: query.from, to: query.to, student: query.student, before, limit: STORE_PAGE });
    for (const session of page) {
      scanned++;
      before = { lastActiveAt: session.lastActiveAt, id: session.id };
      const c = await readConversation(core, session);
      const summary = summaryOf(c);
      if (matches(c, summary, query)) items.push(summary);
      if (items.length === limit || scanned >= SCAN_BUDGET) {
        // Whether anything follows is only known by asking; an empty last page is the price of not reading ahead.
        return { items, nextCursor: encodeCursor([before.lastActiveAt, before.id]) };
      }
    }
    if (page.length < STORE_PAGE) return { items, nextCursor: null };
  }
}

function turnOf(t: Turn, f: FeedbackRecord | undefined): ConversationTurn {
  const settled = !isUnsettled(t.status);
  return {
    seq: t.seq,
    question: t.content,
    askedAt: iso(t.receivedAt),
    answer: t.reply,
    status: t.status === 'pending' ? 'generating' : t.status,
    from: t.author ?? 'engine',
    sources: t.sources,
    matched: t.matched ?? null,
    feedback: f ? { rating: f.rating, comment: f.comment, ratedAt: iso(f.ratedAt) } : null,
    moderation: t.status === 'blocked' ? 'blocked' : 'passed',
    latencyMs: settled && typeof t.settledAt === 'number' ? Math.max(0, t.settledAt - t.receivedAt) : null,
  };
}

/** One conversation with every turn, oldest first; SESSION_NOT_FOUND when nothing of it is kept. */
export async function conversationDetail(core: ServiceCore, sessionId: string): Promise<{ conversation: ConversationSummary; turns: ConversationTurn[] }> {
  const session = await core.store.getSession(sessionId);
  if (!session) throw new ChatError('SESSION_NOT_FOUND', `no conversation ${sessionId} is kept`);
  const c = await readConversation(core, { ...session, firstQuestion: '' });
  if (session.closedAt !== null && c.turns.length === 0) throw new ChatError('SESSION_NOT_FOUND', `conversation ${sessionId} was closed and its messages are not kept`);
  return { conversation: summaryOf(c), turns: c.turns.map((t) => turnOf(t, c.feedback.get(t.seq))) };
}
