import { MYSQL_COURSE_RECORDS_STATEMENTS } from './mysql-course-records.js';
import { MYSQL_ANSWER_STATEMENTS } from './mysql-feedback.js';
import { MYSQL_HISTORY_STATEMENTS } from './mysql-history.js';
import { MYSQL_KNOWLEDGE_STATEMENTS } from './mysql-knowledge.js';
import { MYSQL_RETENTION_STATEMENTS } from './mysql-retention.js';

export { SESSIONS, TURNS, UNSETTLED } from './mysql-tables.js';

/**
 * Versioned migrations of the MySQL store, applied in order at start (see `mysql-migrate.ts`).
 * Never edit a released entry: append a new version. Every table is utf8mb4 with a binary
 * collation, so Chinese text and emoji round-trip and comparisons are exact (`a` ≠ `A`).
 * `ts` holds the client's `yyyy/MM/dd HH:mm:ss` text: it sorts as time (see the contract), so
 * "at or after T" is a plain string comparison on an index.
 */
export const MYSQL_MIGRATIONS: readonly { version: number; name: string; statements: readonly string[] }[] = [
  {
    version: 1,
    name: 'sessions and turns',
    statements: [
      `CREATE TABLE IF NOT EXISTS mpchat_sessions (
        id              VARCHAR(100) NOT NULL,
        created_at      BIGINT NOT NULL,
        last_active_at  BIGINT NOT NULL,
        closed_at       BIGINT NULL,
        last_seq        INT NOT NULL DEFAULT 0,
        PRIMARY KEY (id),
        KEY sessions_open_idle (closed_at, last_active_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      `CREATE TABLE IF NOT EXISTS mpchat_turns (
        session_id       VARCHAR(100) NOT NULL,
        seq              INT NOT NULL,
        client_msg_id    VARCHAR(100) NULL,
        content          MEDIUMTEXT NOT NULL,
        ts               VARCHAR(32) NOT NULL,
        received_at      BIGINT NOT NULL,
        status           VARCHAR(16) NOT NULL,
        reply            MEDIUMTEXT NOT NULL,
        reply_timestamp  VARCHAR(32) NULL,
        error_code       VARCHAR(64) NULL,
        error_message    TEXT NULL,
        sources          MEDIUMTEXT NOT NULL,
        PRIMARY KEY (session_id, seq),
        UNIQUE KEY turns_client_msg (session_id, client_msg_id),
        KEY turns_by_time (session_id, ts),
        KEY turns_by_status (status, session_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    ],
  },
  {
    // The client that opened a session (ownership, and whose live-session slot to give back).
    version: 2,
    name: 'session owner',
    // MySQL has no ADD COLUMN IF NOT EXISTS (MariaDB has): look the column up, so a re-run is a no-op.
    statements: [
      `SET @mpchat_add_owner = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE mpchat_sessions ADD COLUMN owner VARCHAR(300) NULL', 'DO 0')
        FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'mpchat_sessions' AND COLUMN_NAME = 'owner')`,
      'PREPARE mpchat_add_owner FROM @mpchat_add_owner',
      'EXECUTE mpchat_add_owner',
      'DEALLOCATE PREPARE mpchat_add_owner',
    ],
  },
  { version: 3, name: 'reply suggestions and answer feedback', statements: MYSQL_ANSWER_STATEMENTS },
  { version: 4, name: 'student pseudonyms and server secrets', statements: MYSQL_RETENTION_STATEMENTS },
  { version: 5, name: 'knowledge base', statements: MYSQL_KNOWLEDGE_STATEMENTS },
  // Numbered with room below it for migrations written at the same time on other branches.
  { version: 20, name: 'continued sessions and owners\' session lists', statements: MYSQL_HISTORY_STATEMENTS },
  { version: 22, name: 'what a settled turn records, the moderation log and unanswered-group decisions', statements: MYSQL_COURSE_RECORDS_STATEMENTS },
];
