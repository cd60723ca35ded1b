import { StoreUnavailableError } from '../../ports/store.js';

// SQLite result codes that mean "the database cannot serve this now" (locked past the busy
// timeout, disk I/O, disk full, file gone or read-only), not a bug in the query.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOMEM|PROTOCOL)/;

/** Maps an error from better-sqlite3 to {@link StoreUnavailableError} when it is the database's condition. */
export function toStoreError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) {
    return new StoreUnavailableError(`sqlite: ${code}`, { cause: err });
  }
  // After close() (shutdown), better-sqlite3 throws a TypeError "The database connection is not open".
  if (err instanceof TypeError && /database connection is not open/.test(err.message)) {
    return new StoreUnavailableError('sqlite: database closed', { cause: err });
  }
  return err;
}
