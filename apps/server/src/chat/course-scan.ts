import type { OwnedSession, Turn } from '../ports/store.js';
import type { ServiceCore } from './service-core.js';
import type { TimeRange } from './time-range.js';


// Pages small enough that a scan holds little at a time, large enough to keep round trips few.
const SESSION_PAGE = 100;
const TURN_PAGE = 200;

/**
 * Every session that may hold a question asked in `range`, most recently active first, read a
 * page at a time (a course of any size is never loaded at once). A session last active before
 * `from` or opened at or after `to` cannot hold one and is left out.
 */
export async function* sessionsInRange(core: ServiceCore, range: TimeRange): AsyncGenerator<OwnedSession> {
  let before: { lastActiveAt: number; id: string } | undefined;
  for (;;) {
    const page = await core.store.listSessions({ from: range.from, before, limit: SESSION_PAGE });
    for (const s of page) if (range.to === undefined || s.createdAt < range.to) yield s;
    if (page.length < SESSION_PAGE) return;
    const last = page[page.length - 1]!;
    before = { lastActiveAt: last.lastActiveAt, id: last.id };
  }
}

/** Every stored turn of a session, oldest first, read a page at a time. */
export async function* sessionTurns(core: ServiceCore, sessionId: string): AsyncGenerator<Turn> {
  let after = 0;
  for (;;) {
    const page = await core.store.turnsAfter(sessionId, after, TURN_PAGE);
    yield* page;
    if (page.length < TURN_PAGE) return;
    after = page[page.length - 1]!.seq;
  }
}

/** Whether a turn is a student's question (not a teacher's answer delivered into the session). */
export const isQuestion = (turn: Turn): boolean => turn.author !== 'teacher';
