import { afterAll, beforeAll, describe, it } from 'vitest';
import { deleteKeys, REDIS_URL, spawnServer, stopServer, testPrefix, type ServerProcess } from '@mpchat/testkit';
import { teacherLoop } from './teacher-loop-scenario.js';

// The teacher's loop across two instances sharing Redis: students on both, the teacher answers on
// A, the reply reaches a poll on B and a socket on A, and B answers the next rewording from the
// entry written on A within 2 s.
const prefix = testPrefix();
const TOKEN = 'wang-teacher-token-0001';
const env = { STORE: 'redis', REDIS_URL, REDIS_PREFIX: prefix, ENGINE: 'kb', KB_CHUNK_DELAY_MS: '0', ADMIN_TOKENS: `wang:${TOKEN}` };
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  // A first: it seeds the shared store from KB_DIR; B then finds it seeded.
  a = await spawnServer(env, 120_000);
  b = await spawnServer(env, 120_000);
}, 300_000);
afterAll(async () => {
  await Promise.all([a, b].filter(Boolean).map((s) => stopServer(s)));
  await deleteKeys(REDIS_URL, prefix);
}, 30_000);

describe("the teacher's loop on two instances sharing Redis", () => {
  it('groups the questions asked on both, delivers the answer written on A to sessions on both, and B answers from it', async () => {
    await teacherLoop({ a, b, token: TOKEN });
  }, 60_000);
});
