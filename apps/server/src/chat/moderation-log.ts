import { randomBytes } from 'node:crypto';
import type { ModerationEvent } from '@mpchat/contract';
import type { Logger } from 'pino';
import type { CourseRecords, ModerationRecord } from '../ports/course-records.js';
import { decodeTimeCursor, encodeCursor } from './admin-cursor.js';
import type { TimeRange } from './time-range.js';

/**
 * Keeps a blocked question or reply in the course's moderation log (what teachers read at
 * /admin/moderation). The log is a record, not the decision: when the store cannot take it the
 * block still stands and the failure is logged.
 */
export async function recordBlock(store: Pick<CourseRecords, 'saveModeration'>, log: Logger, event: Omit<ModerationRecord, 'id'>): Promise<void> {
  // Time first so ids sort like the log; the random part breaks ties between instances.
  const id = `${event.at.toString(36).padStart(9, '0')}-${randomBytes(6).toString('hex')}`;
  await store.saveModeration({ ...event, id }).catch((err: unknown) => log.warn({ err, sessionId: event.sessionId, direction: event.direction }, 'moderation log write failed'));
}

const eventOf = (r: ModerationRecord): ModerationEvent => ({
  at: new Date(r.at).toISOString(),
  direction: r.direction,
  sessionId: r.sessionId,
  seq: r.seq,
  student: r.student,
  content: r.content,
  reason: r.reason,
});

/** One page of the moderation log, newest first, by keyset (time, id). */
export async function moderationPage(
  store: Pick<CourseRecords, 'listModeration'>,
  query: TimeRange & { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ModerationEvent[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const start = decodeTimeCursor(query.cursor);
  // One more than the page: whether a next page exists is known without an empty last page.
  const rows = await store.listModeration({ from: query.from, to: query.to, before: start ? { at: start.at, id: start.id } : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(eventOf), nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null };
}
