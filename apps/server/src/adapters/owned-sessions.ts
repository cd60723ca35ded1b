import type { OwnedSession, OwnedSessionsPage, SessionRecord, Turn } from '../ports/store.js';

/** Whether session `a` comes before `b` in an owner's list: most recently active first, ties by higher id. */
export function newerFirst(a: { lastActiveAt: number; id: string }, b: { lastActiveAt: number; id: string }): number {
  return b.lastActiveAt - a.lastActiveAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * One page of an owner's sessions from records held in memory (the memory store), by the port's
 * rule: the owner's sessions that still have something to show, newest activity first, after
 * `page.before`.
 */
export function pageOwnedSessions(
  sessions: Iterable<SessionRecord & { turns: readonly Turn[] }>,
  owner: string,
  page: OwnedSessionsPage,
): OwnedSession[] {
  const { before } = page;
  const mine: OwnedSession[] = [];
  for (const { turns, ...s } of sessions) {
    if (s.owner !== owner || (s.closedAt !== null && turns.length === 0)) continue;
    if (before && newerFirst(before, s) >= 0) continue;
    mine.push({ ...s, firstQuestion: turns[0]?.content ?? '' });
  }
  return mine.sort(newerFirst).slice(0, page.limit);
}
