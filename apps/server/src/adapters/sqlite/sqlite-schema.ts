/**
 * SQLite schema. `timestamp` holds the client's `yyyy/MM/dd HH:mm:ss` text: it sorts as time
 * (see the contract), so "at or after T" is a plain string comparison on an index.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id              TEXT PRIMARY KEY,
  created_at      INTEGER NOT NULL,
  last_active_at  INTEGER NOT NULL,
  closed_at       INTEGER,
  last_seq        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_open_idle ON sessions (last_active_at) WHERE closed_at IS NULL;
CREATE INDEX IF NOT EXISTS sessions_closed ON sessions (closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS turns (
  session_id       TEXT NOT NULL,
  seq              INTEGER NOT NULL,
  client_msg_id    TEXT,
  content          TEXT NOT NULL,
  timestamp        TEXT NOT NULL,
  received_at      INTEGER NOT NULL,
  status           TEXT NOT NULL,
  reply            TEXT NOT NULL DEFAULT '',
  reply_timestamp  TEXT,
  error_code       TEXT,
  error_message    TEXT,
  sources          TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS turns_client_msg ON turns (session_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS turns_by_time ON turns (session_id, timestamp);
CREATE INDEX IF NOT EXISTS turns_unsettled ON turns (session_id, seq) WHERE status IN ('pending', 'generating');
`;
