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

/**
 * Wraps the named async methods of `target` so their failures pass through {@link toStoreError}:
 * a locked or failing database answers 503 STORE_UNAVAILABLE, not 500.
 */
export function guardMethods<T extends object>(target: T, names: readonly (keyof T & string)[]): void {
  for (const name of names) {
    const method = target[name];
    if (typeof method !== 'function') continue;
    const bound = (method as (...args: unknown[]) => Promise<unknown>).bind(target);
    Object.defineProperty(target, name, {
      value: async (...args: unknown[]) => {
        try {
          return await bound(...args);
        } catch (err) {
          throw toStoreError(err);
        }
      },
    });
  }
}
