import type Database from 'better-sqlite3';
import type { FeedbackQuery, FeedbackRecord } from '../../ports/store.js';
import { feedbackFromRow, type FeedbackRow } from '../relational-rows.js';

/**
 * Schema version 3 (issue 14): each turn's follow-up suggestions, and the `feedback` table. Feedback
 * has no foreign key to `turns` on purpose: deleting or purging a transcript keeps its ratings.
 */
export const SQLITE_ANSWER_SQL = `
ALTER TABLE turns ADD COLUMN suggestions TEXT NOT NULL DEFAULT '[]';
CREATE TABLE IF NOT EXISTS feedback (
  session_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  rating     TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment    TEXT NOT NULL DEFAULT '',
  question   TEXT NOT NULL,
  answer     TEXT NOT NULL,
  rated_at   INTEGER NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE INDEX IF NOT EXISTS feedback_rated_at ON feedback (rated_at);
`;



/** The feedback role of the SQLite store, on a migrated database. */
export class SqliteFeedback {
  private readonly upsert;
  private readonly list;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO feedback (session_id, seq, rating, comment, question, answer, rated_at)
       VALUES (@sessionId, @seq, @rating, @comment, @question, @answer, @ratedAt)
       ON CONFLICT (session_id, seq) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,
       question = excluded.question, answer = excluded.answer, rated_at = excluded.rated_at`,
    );
    // The row-value comparison pages by the export order's key (the rated_at index finds the start).
    this.list = db.prepare<[number, string | null, string | null, number, string, number, number], FeedbackRow>(
      `SELECT * FROM feedback WHERE rated_at >= ? AND (? IS NULL OR rating = ?) AND (rated_at, session_id, seq) > (?, ?, ?)
       ORDER BY rated_at, session_id, seq LIMIT ?`,
    );
  }

  save(record: FeedbackRecord): void {
    this.upsert.run(record);
  }

  find(query: FeedbackQuery): FeedbackRecord[] {
    const rating = query.rating ?? null;
    const a = query.after ?? { ratedAt: -1, sessionId: '', seq: 0 };
    return this.list.all(query.since ?? 0, rating, rating, a.ratedAt, a.sessionId, a.seq, query.limit).map(feedbackFromRow);
  }
}
