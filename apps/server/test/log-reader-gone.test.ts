import { describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '@mpchat/testkit';

// Whatever reads the server's stdout/stderr may stop reading (a log shipper restarting) or go away
// (a `| tee` that died). Neither may hold the process: it keeps serving, and SIGTERM ends it within
// SHUTDOWN_GRACE + 2 s. The bound below only tells "exits" from "hangs"; it is not a speed check.
const GRACE_MS = 1_000;
const HANG = Symbol('hang');

/** Makes the server write log lines: each request to an unknown path is one access-log line at info. */
async function makeLogLines(s: ServerProcess, n: number): Promise<void> {
  for (let i = 0; i < n; i += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, k) => fetch(`${s.url}/no-such-path-${i + k}-${'x'.repeat(2_000)}`).then((r) => r.arrayBuffer())));
  }
}

/** SIGTERM, then the exit, or HANG when the process is still there well after grace + 2 s. */
async function terminate(s: ServerProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null } | typeof HANG> {
  s.proc.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<typeof HANG>((resolve) => (timer = setTimeout(() => resolve(HANG), GRACE_MS + 2_000 + 8_000)));
  const r = await Promise.race([s.exited, hang]);
  clearTimeout(timer);
  if (r === HANG) {
    s.proc.kill('SIGKILL');
    await s.exited;
  }
  return r;
}

describe('a log reader that goes away', () => {
  it('a reader that stops reading (full pipe): the server keeps serving, and SIGTERM still ends it', async () => {
    const s = await spawnServer({ STORE: 'memory', SHUTDOWN_GRACE: `${GRACE_MS}ms` }, 40_000);
    // Stop reading both pipes: the kernel's pipe buffers fill up and the server's writes cannot proceed.
    for (const pipe of [s.proc.stdout!, s.proc.stderr!]) {
      pipe.removeAllListeners('data');
      pipe.pause();
    }
    await makeLogLines(s, 400);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const exit = await terminate(s);
    expect(exit).not.toBe(HANG);
    expect(exit).toMatchObject({ signal: null });
  }, 60_000);

  it('a reader that closed its end (EPIPE): the server keeps serving, and SIGTERM ends it with 0', async () => {
    const s = await spawnServer({ STORE: 'memory', SHUTDOWN_GRACE: `${GRACE_MS}ms` }, 40_000);
    s.proc.stdout!.destroy();
    s.proc.stderr!.destroy();
    await makeLogLines(s, 100);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(await terminate(s)).toEqual({ code: 0, signal: null });
  }, 60_000);
});
