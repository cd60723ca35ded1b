import { createHash } from 'node:crypto';
import type { UnansweredGroup } from '@mpchat/contract';
import type { GroupState } from '../ports/course-records.js';
import { isUnsettled } from '../ports/store.js';
import { isQuestion, sessionsInRange, sessionTurns } from './course-scan.js';
import { inRange, type TimeRange } from './time-range.js';
import { cosine, type QuestionSimilarity, type QuestionVector } from './question-similarity.js';
import type { ServiceCore } from './service-core.js';

/** A question nobody answered well: it matched nothing in the knowledge base, or its answer got 👎. */
export interface UnansweredQuestion {
  question: string;
  sessionId: string;
  seq: number;
  /** When it was asked (ms since epoch). */
  askedAt: number;
  reason: 'unmatched' | 'downvoted';
}

/** A group as formed: its id, representative question, questions (oldest first) and decision. */
export interface QuestionGroup {
  groupId: string;
  question: string;
  questions: UnansweredQuestion[];
  state: GroupState | undefined;
}

/** The id of a group: 16 hex digits of a hash of its representative question (stable across requests and instances). */
export function groupIdOf(question: string): string {
  const canonical = question.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 16);
}

/**
 * The unanswered questions asked in `range`, oldest first, read a page of sessions at a time. A
 * teacher's reply delivered into a session is not a question; a reply still being written is
 * not judged yet.
 */
export async function unansweredQuestions(core: ServiceCore, range: TimeRange): Promise<UnansweredQuestion[]> {
  const out: UnansweredQuestion[] = [];
  for await (const session of sessionsInRange(core, range)) {
    let downvoted: Set<number> | undefined;
    for await (const turn of sessionTurns(core, session.id)) {
      if (!isQuestion(turn) || isUnsettled(turn.status) || !inRange(turn.receivedAt, range)) continue;
      // Ratings are read once per session, and only for a session that has a question in range.
      downvoted ??= new Set((await core.store.sessionFeedback(session.id)).filter((f) => f.rating === 'down').map((f) => f.seq));
      const reason = turn.matched === false ? 'unmatched' : downvoted.has(turn.seq) ? 'downvoted' : undefined;
      if (reason) out.push({ question: turn.content, sessionId: session.id, seq: turn.seq, askedAt: turn.receivedAt, reason });
    }
  }
  return out.sort((a, b) => a.askedAt - b.askedAt || (a.sessionId < b.sessionId ? -1 : 1) || a.seq - b.seq);
}

// A group is compared through at most this many of its questions: enough to catch rewordings of
// rewordings, bounded so a big group costs no more than a small one.
const GROUP_SAMPLES = 20;

interface Forming extends QuestionGroup {
  vectors: QuestionVector[];
}

/**
 * Groups questions (oldest first) by similarity: each joins the most similar group, compared with
 * that group's representative and first questions, when the similarity reaches the threshold; else
 * it starts a group of its own, whose id comes from it. Decided groups (`seeds`, in the order
 * given) are formed first from their stored question, so they keep their id and status while new
 * rewordings join them. Questions whose terms say nothing (only stop words) group by exact text.
 */
export function groupQuestions(similarity: QuestionSimilarity, questions: readonly UnansweredQuestion[], seeds: readonly { groupId: string; question: string; state?: GroupState | undefined }[]): QuestionGroup[] {
  const groups: Forming[] = [];
  const byId = new Map<string, Forming>();
  const open = (groupId: string, question: string, state: GroupState | undefined): Forming => {
    const g: Forming = { groupId, question, questions: [], state, vectors: [similarity.vector(question)] };
    groups.push(g);
    byId.set(groupId, g);
    return g;
  };
  for (const seed of seeds) if (!byId.has(seed.groupId)) open(seed.groupId, seed.question, seed.state);
  for (const q of questions) {
    const v = similarity.vector(q.question);
    let best: Forming | undefined;
    let bestScore = 0;
    if (v.norm > 0) {
      for (const g of groups) {
        const score = Math.max(...g.vectors.map((w) => cosine(v, w)));
        if (score >= similarity.threshold && score > bestScore) [best, bestScore] = [g, score];
      }
    }
    if (best) {
      best.questions.push(q);
      if (best.vectors.length < GROUP_SAMPLES) best.vectors.push(v);
      continue;
    }
    const id = groupIdOf(q.question);
    (byId.get(id) ?? open(id, q.question, undefined)).questions.push(q);
  }
  return groups.map(({ vectors: _v, ...g }) => g);
}

/** A formed group as the teachers' list shows it (undefined when none of its questions is in the list). */
export function groupView(g: QuestionGroup): UnansweredGroup | undefined {
  const n = g.questions.length;
  if (n === 0) return undefined;
  const newest = g.questions.slice(-5).reverse();
  return {
    groupId: g.groupId,
    question: g.question,
    count: n,
    examples: newest.map((q) => ({ question: q.question, sessionId: q.sessionId, seq: q.seq, askedAt: new Date(q.askedAt).toISOString(), reason: q.reason })),
    lastAskedAt: new Date(g.questions[n - 1]!.askedAt).toISOString(),
    status: g.state?.status ?? 'open',
    entryId: g.state?.entryId ?? null,
  };
}
