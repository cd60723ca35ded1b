import { formatTimestamp, type UnansweredGroup } from '@mpchat/contract';
import { ChatError } from '../errors/chat-error.js';
import type { GroupState } from '../ports/course-records.js';
import type { KbRecord } from '../ports/knowledge-store.js';
import type { Settlement, Turn } from '../ports/store.js';
import type { Teacher } from './admin-gate.js';
import type { TimeRange } from './time-range.js';
import type { QuestionSimilarity } from './question-similarity.js';
import type { ServiceCore } from './service-core.js';
import { groupIdOf, groupQuestions, groupView, unansweredQuestions, type QuestionGroup } from './unanswered-groups.js';

/** The stored decisions as seeds of the grouping, oldest decision first. */
const seedsOf = (states: GroupState[]): { groupId: string; question: string; state: GroupState | undefined }[] => [...states].sort((a, b) => a.at - b.at).map((state) => ({ groupId: state.groupId, question: state.question, state }));

/** The groups of unanswered questions asked in `range`, most asked first (then the most recently asked). */
export async function unansweredGroups(core: ServiceCore, similarity: QuestionSimilarity, range: TimeRange, status?: UnansweredGroup['status']): Promise<UnansweredGroup[]> {
  const [questions, states] = await Promise.all([unansweredQuestions(core, range), core.store.groupStates()]);
  return groupQuestions(similarity, questions, seedsOf(states))
    .map(groupView)
    .filter((g): g is UnansweredGroup => g !== undefined && (!status || g.status === status))
    .sort((a, b) => b.count - a.count || (a.lastAskedAt < b.lastAskedAt ? 1 : a.lastAskedAt > b.lastAskedAt ? -1 : 0));
}

/**
 * The group with this id as every retained question forms it, or GROUP_NOT_FOUND. A group the list
 * showed over a shorter range is found too: its id comes from its representative question, which
 * is seeded here like a decided group.
 */
export async function findGroup(core: ServiceCore, similarity: QuestionSimilarity, groupId: string): Promise<QuestionGroup> {
  const [questions, states] = await Promise.all([unansweredQuestions(core, {}), core.store.groupStates()]);
  const seeds = seedsOf(states);
  if (!seeds.some((s) => s.groupId === groupId)) {
    const representative = questions.find((q) => groupIdOf(q.question) === groupId);
    if (!representative) throw new ChatError('GROUP_NOT_FOUND', `there is no group ${groupId} of unanswered questions (its questions may have been deleted); reload the list`);
    seeds.push({ groupId, question: representative.question, state: undefined });
  }
  return groupQuestions(similarity, questions, seeds).find((g) => g.groupId === groupId)!;
}

/** Stores a teacher's decision about a group. */
export async function decide(core: ServiceCore, teacher: Teacher, group: QuestionGroup, status: GroupState['status'], entryId: string | null): Promise<void> {
  await core.store.saveGroupState({ groupId: group.groupId, question: group.question, status, entryId, by: teacher.name, at: core.now() });
  core.log.info({ teacher: teacher.name, group: group.groupId, status, entry: entryId }, 'unanswered group decided');
}

/**
 * Delivers a teacher's answer to every session of the group that is still open: a new turn,
 * stored already settled (no engine runs it) with the session's question and the entry's text,
 * published like any settled reply, so held receives, polls and WebSocket subscribers get it on
 * whichever instance they are, marked `from: "teacher"`. Each session gets it once. Answers how
 * many sessions got it.
 */
export async function deliverAnswer(core: ServiceCore, group: QuestionGroup, entry: KbRecord): Promise<number> {
  // The latest question of each session is the one the answer follows.
  const latest = new Map<string, string>();
  for (const q of group.questions) latest.set(q.sessionId, q.question);
  let delivered = 0;
  for (const [sessionId, question] of latest) {
    const session = await core.store.getSession(sessionId);
    const now = core.now();
    // A session past its idle time is as good as closed: nobody is there to read the reply.
    if (!session || session.closedAt !== null || now - session.lastActiveAt > core.options.sessionIdleTtlMs) continue;
    const settled: Settlement = {
      status: 'completed',
      reply: entry.body,
      replyTimestamp: formatTimestamp(new Date(now), core.options.timeZone),
      sources: [{ title: entry.title }],
      suggestions: [],
      matched: true,
      author: 'teacher',
      settledAt: now,
    };
    const outcome = await core.store.appendTurn({
      sessionId,
      content: question,
      timestamp: settled.replyTimestamp,
      now,
      // A teacher's reply is not the student's message: the student's limits do not refuse it.
      maxPending: Number.MAX_SAFE_INTEGER,
      maxLiveSessions: Number.MAX_SAFE_INTEGER,
      maxTurns: 0,
      settled,
    });
    if (outcome.kind !== 'created') continue;
    core.turnCache?.forget(sessionId);
    delivered++;
    const turn: Turn = { ...outcome.turn, ...settled, status: 'completed', errorCode: null, errorMessage: null, sources: settled.sources!, suggestions: [] };
    // Stored is delivered: a poll reads it even when the announcement is lost.
    await core.bus.publish({ type: 'settled', sessionId, turn }).catch((err: unknown) => core.log.warn({ err, sessionId }, 'teacher reply publish failed'));
  }
  return delivered;
}
