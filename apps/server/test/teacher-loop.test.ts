import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEFAULT_KB_DIR } from '../src/config/config.js';
import { createKbEngine } from '../src/engines/kb/index.js';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';
import { STORES } from './stores.js';
import { teacherLoop } from './teacher-loop-scenario.js';

const TOKEN = 'wang-teacher-token-0001';

// The loop on one real server with a real store: a SQLite file, and a database of the real MariaDB.
describe.each(STORES.filter(([name]) => name !== 'memory'))("the teacher's loop (%s store)", (_name, makeStore) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({
      store: await makeStore(),
      engine: await createKbEngine({ dir: DEFAULT_KB_DIR, chunkDelayMs: 0 }),
      env: { ADMIN_TOKENS: `wang:${TOKEN}`, KB_CHUNK_DELAY_MS: '0' },
    });
  });
  afterAll(() => s?.close());

  it('lists an unanswered question, groups its rewordings, delivers the teacher answer to the open sessions, and answers the next rewording from it', async () => {
    await teacherLoop({ a: s, b: s, token: TOKEN });
  }, 30_000);
});
