import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** What one checkpoint of the WAL did (`PRAGMA wal_checkpoint`'s row). */
export interface WalCheckpoint {
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames copied into the database file (all of them once it equals `log`). */
  checkpointed: number;
}

/** Settings of {@link startCheckpointer}. */
export interface CheckpointerOptions {
  /** A PASSIVE checkpoint runs this often (ms). */
  everyMs?: number;
  /** Told after each checkpoint (tests, diagnostics). */
  onCheckpoint?: (result: WalCheckpoint) => void;
}

/** WAL pages after which the main connection checkpoints by itself: a backstop, should the thread fall behind. */
export const BACKSTOP_PAGES = 16_384;
/** What SQLite does without a checkpoint thread (its default), restored if the thread dies. */
const DEFAULT_AUTOCHECKPOINT = 1_000;
/** After a checkpoint the WAL file is cut back to this size when it restarts. */
const JOURNAL_SIZE_LIMIT = 32 * 1024 * 1024;

// The thread's code, plain CommonJS: it runs the same whether the server runs from source or built.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage(row);
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Stops the checkpoint thread; resolves once it has closed its connection. */
export type StopCheckpointer = () => Promise<void>;

/**
 * Moves WAL checkpoints off the event loop. better-sqlite3 is synchronous, and SQLite's automatic
 * checkpoint runs inside the commit that fills the WAL past 1,000 pages: it copies those pages
 * into the database file and syncs it, stalling every stream of the instance for tens of ms
 * whenever the write load fills the WAL (every second or so under a few hundred streams).
 *
 * Here a worker thread with its own connection runs `PRAGMA wal_checkpoint(PASSIVE)` every
 * `everyMs`: it never waits for the main connection, which keeps writing meanwhile. After a
 * complete checkpoint the next commit starts the WAL over, so the WAL holds about one interval of
 * writes; `journal_size_limit` cuts the file back. Should the thread fall behind, the main
 * connection still checkpoints itself past {@link BACKSTOP_PAGES} (about 64 MB), and if the
 * thread dies, at SQLite's default again. In-memory databases have no WAL: nothing is started.
 */
export function startCheckpointer(db: Database.Database, path: string, options: CheckpointerOptions = {}): StopCheckpointer {
  if (db.memory || path === ':memory:' || path === '') return async () => undefined;
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { path, driver, everyMs: options.everyMs ?? 500 } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (row: WalCheckpoint) => options.onCheckpoint?.(row));
  worker.on('error', () => {
    // The main connection checkpoints by itself again, as SQLite does by default.
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  });
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      // Held until the thread is gone: a caller awaiting close() with nothing else to do must not exit first.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    })();
    return stopping;
  };
}
