import type { ConversationsQuery } from '../ports/course-records.js';
import type { OwnedSession, OwnedSessionsPage, SessionRecord, Turn } from '../ports/store.js';

/** Whether session `a` comes before `b` in an owner's list: most recently active first, ties by higher id. */
export function newerFirst(a: { lastActiveAt: number; id: string }, b: { lastActiveAt: number; id: string }): number {
  return b.lastActiveAt - a.lastActiveAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

type HeldSession = SessionRecord & { turns: readonly Turn[] };

/** The sessions `keep` accepts that still have something to show, newest activity first, after `before`. */
function page(sessions: Iterable<HeldSession>, keep: (s: SessionRecord) => boolean, { before, limit }: OwnedSessionsPage): OwnedSession[] {
  const out: OwnedSession[] = [];
  for (const { turns, ...s } of sessions) {
    if (!keep(s) || (s.closedAt !== null && turns.length === 0)) continue;
    if (before && newerFirst(before, s) >= 0) continue;
    out.push({ ...s, firstQuestion: turns[0]?.content ?? '' });
  }
  return out.sort(newerFirst).slice(0, limit);
}

/**
 * One page of an owner's sessions from records held in memory (the memory store), by the port's
 * rule: the owner's sessions that still have something to show, newest activity first, after
 * `page.before`.
 */
export function pageOwnedSessions(sessions: Iterable<HeldSession>, owner: string, ownerPage: OwnedSessionsPage): OwnedSession[] {
  return page(sessions, (s) => s.owner === owner, ownerPage);
}

/** One page of every student's sessions held in memory, by the rule of `CourseRecords.listSessions`. */
export function pageCourseSessions(sessions: Iterable<HeldSession>, query: ConversationsQuery): OwnedSession[] {
  const { from, to, student } = query;
  return page(
    sessions,
    (s) => (from === undefined || s.lastActiveAt >= from) && (to === undefined || s.lastActiveAt < to) && (student === undefined || s.student === student),
    query,
  );
}
