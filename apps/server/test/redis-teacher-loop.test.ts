import { describe, it } from 'vitest';
import { useKbPair } from './redis-servers.js';
import { teacherLoop } from './teacher-loop-scenario.js';

// The teacher's loop across two instances sharing Redis: students on both, the teacher answers on
// A, the reply reaches a poll on B and a socket on A, and B answers the next rewording from the
// entry written on A within 2 s.
const TOKEN = 'wang-teacher-token-0001';
const servers = useKbPair(`wang:${TOKEN}`);

describe("the teacher's loop on two instances sharing Redis", () => {
  it('groups the questions asked on both, delivers the answer written on A to sessions on both, and B answers from it', async () => {
    await teacherLoop({ a: servers.a(), b: servers.b(), token: TOKEN });
  }, 60_000);
});
