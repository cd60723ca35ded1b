import type { AdminConversationsParams, ConversationSummary, ConversationTurn, KbEntry, ModerationEvent, UnansweredGroup } from '@mpchat/contract';
import type { KbRecord } from '../ports/knowledge-store.js';
import { conversationDetail, listConversations } from './admin-conversations.js';
import type { Teacher } from './admin-gate.js';
import type { TimeRange } from './time-range.js';
import { courseStats } from './course-stats.js';
import { entryOf, liveEntry, type KbEntryInput } from './kb-entries.js';
import { moderationPage } from './moderation-log.js';
import type { QuestionSimilarity } from './question-similarity.js';
import type { ServiceCore } from './service-core.js';
import { decide, deliverAnswer, findGroup, unansweredGroups } from './teacher-answers.js';

/** A teacher's answer to a group: a new entry, or an entry that exists. */
export type GroupAnswer = KbEntryInput | { entryId: string };

/**
 * What teachers read about their course and how they close its loop: the conversations, the
 * numbers, the moderation log, and the questions nobody answered (answer them, or set them
 * aside). Reached through the admin desk, whose gate every method's {@link Teacher} passed.
 */
export class CourseDesk {
  constructor(
    private readonly core: ServiceCore,
    private readonly similarity: QuestionSimilarity,
    /** Creates an entry the way the knowledge-base routes do: every instance answers from it within moments. */
    private readonly createEntry: (teacher: Teacher, input: KbEntryInput) => Promise<KbRecord>,
  ) {}

  /** How questions are compared for grouping: the engine's analysis, or plain character pairs. */
  get grouping(): QuestionSimilarity['kind'] {
    return this.similarity.kind;
  }

  conversations(_t: Teacher, query: AdminConversationsParams): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
    return listConversations(this.core, query);
  }

  conversation(_t: Teacher, sessionId: string): Promise<{ conversation: ConversationSummary; turns: ConversationTurn[] }> {
    return conversationDetail(this.core, sessionId);
  }

  stats(_t: Teacher, range: TimeRange): ReturnType<typeof courseStats> {
    return courseStats(this.core, range);
  }

  moderation(_t: Teacher, query: TimeRange & { cursor?: string | undefined; limit?: number | undefined }): Promise<{ items: ModerationEvent[]; nextCursor: string | null }> {
    return moderationPage(this.core.store, query);
  }

  unanswered(_t: Teacher, query: TimeRange & { status?: UnansweredGroup['status'] | undefined }): Promise<UnansweredGroup[]> {
    return unansweredGroups(this.core, this.similarity, query, query.status);
  }

  /**
   * Answers a group: with a new knowledge-base entry or an existing one (ENTRY_NOT_FOUND when it
   * does not exist), marks the group answered by this teacher, and sends the entry's text to the
   * group's sessions that are still open. GROUP_NOT_FOUND for an unknown group, before anything is written.
   */
  async answer(teacher: Teacher, groupId: string, answer: GroupAnswer): Promise<{ entry: KbEntry; delivered: number }> {
    const group = await findGroup(this.core, this.similarity, groupId);
    const entry = 'entryId' in answer ? await liveEntry(this.core, answer.entryId) : await this.createEntry(teacher, answer);
    await decide(this.core, teacher, group, 'answered', entry.id);
    return { entry: entryOf(entry), delivered: await deliverAnswer(this.core, group, entry) };
  }

  /** Sets a group aside as not worth an answer; GROUP_NOT_FOUND for an unknown group. */
  async ignore(teacher: Teacher, groupId: string): Promise<{ groupId: string; status: 'ignored' }> {
    const group = await findGroup(this.core, this.similarity, groupId);
    await decide(this.core, teacher, group, 'ignored', null);
    return { groupId, status: 'ignored' };
  }
}
