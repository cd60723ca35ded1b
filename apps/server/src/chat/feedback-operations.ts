import type { Rating } from '@mpchat/contract';
import { isUnsettled, type FeedbackCursor, type FeedbackRecord } from '../ports/store.js';
import { ChatError } from './chat-error.js';
import { openSession, type ServiceCore } from './service-core.js';

/** A rating as the feedback endpoint hands it over (validated by the contract). */
export interface FeedbackInput {
  sessionId: string;
  seq: number;
  rating: Rating;
  comment?: string | undefined;
}

/** What the teachers' export asks for. */
export interface FeedbackExportQuery {
  since?: number | undefined;
  rating?: Rating | undefined;
}

/** Records read from the store per page of an export: memory stays flat however many there are. */
export const FEEDBACK_EXPORT_PAGE = 500;

/**
 * Rates the settled answer of turn `seq` in an open session, storing the question and answer text
 * with it (kept when the transcript is deleted). Rating again replaces. SESSION_NOT_FOUND /
 * SESSION_CLOSED for a session that is not open, NO_SUCH_MESSAGE for an unknown seq, NOT_SETTLED
 * while the reply is being generated.
 */
export async function rateTurn(core: ServiceCore, input: FeedbackInput): Promise<{ seq: number; rating: Rating }> {
  await openSession(core, input.sessionId);
  const turn = await core.store.getTurn(input.sessionId, input.seq);
  if (!turn) throw new ChatError('NO_SUCH_MESSAGE', `there is no message ${input.seq} in this session`);
  if (isUnsettled(turn.status)) {
    throw new ChatError('NOT_SETTLED', `the reply to message ${input.seq} is still being generated; rate it once it is done`);
  }
  const record: FeedbackRecord = {
    sessionId: input.sessionId,
    seq: input.seq,
    rating: input.rating,
    comment: input.comment ?? '',
    question: turn.content,
    answer: turn.reply,
    ratedAt: core.now(),
  };
  await core.store.saveFeedback(record);
  return { seq: input.seq, rating: input.rating };
}

/**
 * The stored feedback matching `query`, oldest first, read page by page (each page starts after
 * the last record of the previous one), so an export of any size holds one page in memory.
 */
export async function* exportFeedback(core: ServiceCore, query: FeedbackExportQuery): AsyncGenerator<FeedbackRecord> {
  let after: FeedbackCursor | undefined;
  for (;;) {
    const page = await core.store.listFeedback({
      ...(query.since !== undefined ? { since: query.since } : {}),
      ...(query.rating !== undefined ? { rating: query.rating } : {}),
      ...(after ? { after } : {}),
      limit: FEEDBACK_EXPORT_PAGE,
    });
    yield* page;
    if (page.length < FEEDBACK_EXPORT_PAGE) return;
    const last = page.at(-1)!;
    after = { ratedAt: last.ratedAt, sessionId: last.sessionId, seq: last.seq };
  }
}
