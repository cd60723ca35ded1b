import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../ports/store.js';
import { openMysql, type MysqlDb } from './mysql-pool.js';
import { createTestDatabase, type TestDatabase } from './testing/mysql-test-db.js';

describe('MySQL pool under a burst', () => {
  let database: TestDatabase;
  let db: MysqlDb;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = openMysql({ url: database.url, connections: 1, queueLimit: 1 });
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  // A thousand streams on MySQL once answered "INTERNAL" to the clients past the pool's queue: the
  // driver's "Queue limit reached." carries no error code, so it was taken for a bug (500).
  it('answers statements beyond the wait queue as store unavailable (503), not as an internal error', async () => {
    const busy = db.query('SELECT SLEEP(0.3)');
    const queued = db.query('SELECT 1 AS one');
    const overflow = await db.query('SELECT 2 AS two').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(overflow).toBeInstanceOf(StoreUnavailableError);
    expect((overflow as Error).message).toMatch(/queue limit/i);
    // The statements that found room still run.
    await expect(busy).resolves.toBeDefined();
    await expect(queued).resolves.toEqual([{ one: 1 }]);
  });
});
