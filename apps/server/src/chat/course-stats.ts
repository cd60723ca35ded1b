import type { AdminStatsResponse, CourseNumbers } from '@mpchat/contract';
import type { FeedbackCursor } from '../ports/store.js';
import { isQuestion, sessionsInRange, sessionTurns } from './course-scan.js';
import { inRange, type TimeRange } from './time-range.js';
import type { ServiceCore } from './service-core.js';

type Stats = AdminStatsResponse['data'];

/** Range of the numbers when the request names none: the last 30 days. */
export const DEFAULT_STATS_DAYS = 30;
const DAY_MS = 86_400_000;
const PAGE = 500;
const MAX_LISTED_DAYS = 400;

/** One span's counts while a scan runs. */
class Tally {
  questions = 0;
  readonly students = new Set<string>();
  readonly sessions = new Set<string>();
  up = 0;
  down = 0;
  unanswered = 0;
  blocked = 0;
  readonly latencies: number[] = [];

  numbers(): CourseNumbers {
    const sorted = this.latencies.sort((a, b) => a - b);
    return {
      questions: this.questions,
      students: this.students.size,
      sessions: this.sessions.size,
      up: this.up,
      down: this.down,
      unanswered: this.unanswered,
      unansweredRate: this.questions === 0 ? 0 : this.unanswered / this.questions,
      blocked: this.blocked,
      latencyP50Ms: percentile(sorted, 0.5),
      latencyP95Ms: percentile(sorted, 0.95),
    };
  }
}

/** Nearest-rank percentile of sorted numbers (null when there are none). */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
}

/** `yyyy-MM-dd` of an instant in a time zone. */
function dayKeyIn(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (ms) => format.format(new Date(ms));
}

/**
 * The numbers of a course over [from, to) (default: the last 30 days), in total and per day of
 * the server's time zone. Everything is read a page at a time: sessions and their turns for the
 * questions, the feedback table for 👍/👎 (by when they were given), the moderation log for blocks.
 * What stays in memory is counters, the students' pseudonyms and one number per answer's latency.
 */
export async function courseStats(core: ServiceCore, query: TimeRange): Promise<Stats> {
  const to = query.to ?? core.now();
  const from = query.from ?? to - DEFAULT_STATS_DAYS * DAY_MS;
  const range = { from, to };
  const dayOf = dayKeyIn(core.options.timeZone);
  const days = new Map<string, Tally>();
  // Every day of a range up to a year or so is listed, also those without a question (a chart shows
  // the gap); a longer range lists the days that have something.
  if (to - from <= MAX_LISTED_DAYS * DAY_MS) {
    for (let t = from; t < to; t += 3_600_000) if (!days.has(dayOf(t))) days.set(dayOf(t), new Tally());
    if (to > from && !days.has(dayOf(to - 1))) days.set(dayOf(to - 1), new Tally());
  }
  const total = new Tally();
  const both = (at: number, count: (t: Tally) => void) => {
    count(total);
    const key = dayOf(at);
    let day = days.get(key);
    if (!day) days.set(key, (day = new Tally()));
    count(day);
  };

  for await (const session of sessionsInRange(core, range)) {
    for await (const turn of sessionTurns(core, session.id)) {
      if (!isQuestion(turn) || !inRange(turn.receivedAt, range)) continue;
      const latency = typeof turn.settledAt === 'number' ? Math.max(0, turn.settledAt - turn.receivedAt) : undefined;
      both(turn.receivedAt, (t) => {
        t.questions++;
        t.sessions.add(session.id);
        if (session.student) t.students.add(session.student);
        if (turn.matched === false) t.unanswered++;
        if (latency !== undefined) t.latencies.push(latency);
      });
    }
  }

  let after: FeedbackCursor | undefined;
  for (;;) {
    const page = await core.store.listFeedback({ since: from, after, limit: PAGE });
    for (const f of page) if (f.ratedAt < to) both(f.ratedAt, (t) => (f.rating === 'up' ? t.up++ : t.down++));
    const last = page[page.length - 1];
    if (page.length < PAGE || !last || last.ratedAt >= to) break;
    after = { ratedAt: last.ratedAt, sessionId: last.sessionId, seq: last.seq };
  }

  let before: { at: number; id: string } | undefined;
  for (;;) {
    const page = await core.store.listModeration({ from, to, before, limit: PAGE });
    for (const m of page) both(m.at, (t) => t.blocked++);
    const last = page[page.length - 1];
    if (page.length < PAGE || !last) break;
    before = { at: last.at, id: last.id };
  }

  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    totals: total.numbers(),
    days: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, t]) => ({ date, ...t.numbers() })),
  };
}
