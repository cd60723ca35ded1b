import type { FeedbackQuery, FeedbackRecord } from '../../ports/store.js';
import { feedbackFromRow, type FeedbackRow } from '../relational-rows.js';
import type { MysqlDb } from './mysql-pool.js';

/** The feedback table: no foreign key to the turns on purpose, deleting a transcript keeps its ratings. */
export const FEEDBACK = 'mpchat_feedback';

/** Schema version 3 (issue 14): each turn's follow-up suggestions (NULL reads as none), and the feedback table. */
export const MYSQL_ANSWER_STATEMENTS: readonly string[] = [
  `ALTER TABLE mpchat_turns ADD COLUMN suggestions MEDIUMTEXT NULL`,
  `CREATE TABLE IF NOT EXISTS mpchat_feedback (
    session_id  VARCHAR(100) NOT NULL,
    seq         INT NOT NULL,
    rating      VARCHAR(8) NOT NULL,
    comment     TEXT NOT NULL,
    question    MEDIUMTEXT NOT NULL,
    answer      MEDIUMTEXT NOT NULL,
    rated_at    BIGINT NOT NULL,
    PRIMARY KEY (session_id, seq),
    KEY feedback_rated_at (rated_at)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
];


/** Upserts a rating: one row per (session, seq), the latest rating wins. */
export async function saveFeedbackIn(db: MysqlDb, r: FeedbackRecord): Promise<void> {
  await db.query(
    `INSERT INTO ${FEEDBACK} (session_id, seq, rating, comment, question, answer, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE rating = VALUES(rating), comment = VALUES(comment), question = VALUES(question),
     answer = VALUES(answer), rated_at = VALUES(rated_at)`,
    [r.sessionId, r.seq, r.rating, r.comment, r.question, r.answer, r.ratedAt],
  );
}

/** The ratings matching `q`, in export order. */
export async function listFeedbackIn(db: MysqlDb, q: FeedbackQuery): Promise<FeedbackRecord[]> {
  const rating = q.rating ?? null;
  const a = q.after ?? { ratedAt: -1, sessionId: '', seq: 0 };
  // Written out rather than as a row value, so the rated_at index bounds the scan.
  const rows = await db.query<FeedbackRow[]>(
    `SELECT * FROM ${FEEDBACK} WHERE rated_at >= GREATEST(?, ?) AND (? IS NULL OR rating = ?)
     AND (rated_at > ? OR (rated_at = ? AND (session_id > ? OR (session_id = ? AND seq > ?))))
     ORDER BY rated_at, session_id, seq LIMIT ?`,
    [q.since ?? 0, a.ratedAt, rating, rating, a.ratedAt, a.ratedAt, a.sessionId, a.sessionId, a.seq, q.limit],
  );
  return rows.map(feedbackFromRow);
}
