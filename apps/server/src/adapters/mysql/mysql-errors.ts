import { StoreUnavailableError } from '../../ports/store.js';

// mysql2 error codes that mean "MySQL cannot serve this now" (down, unreachable, hung, restarting,
// out of connections, read-only after a failover), not "the query is wrong".
const UNAVAILABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR', 'ER_TOO_MANY_USER_CONNECTIONS', 'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED', 'ER_LOCK_WAIT_TIMEOUT', 'ER_LOCK_DEADLOCK', 'ER_OPTION_PREVENTS_STATEMENT',
  'ER_READ_ONLY_MODE', 'ER_CONNECTION_KILLED', 'ER_CLIENT_INTERACTION_TIMEOUT',
]);

/** Maps a mysql2 failure to {@link StoreUnavailableError} when it is MySQL's condition; other errors stay (a bug → 500). */
export function toStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return err;
  const e = err as { code?: unknown; fatal?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  // A fatal error is about the connection (mysql2 closes it); "Pool is closed" comes after close();
  // "Queue limit reached" (no code) is the pool refusing to queue more waiters: overload, not a bug.
  if ((code && UNAVAILABLE.has(code)) || e?.fatal === true || /pool is closed|connection.*closed|queue limit reached/i.test(message)) {
    return new StoreUnavailableError(`[mysql] unavailable: ${code ?? message}`, { cause: err });
  }
  return err;
}

/** Whether a failed transaction is worth running again at once (a race another writer won). */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'ER_LOCK_DEADLOCK';
}
