// The parent ↔ target protocol shared by the cpu and streaming benches: the target answers CPU and
// memory questions about itself over the fork IPC channel, so nothing is sampled from outside.

/** What a parent asks a target. */
export type TargetCommand = { cmd: 'cpu' } | { cmd: 'mem' } | { cmd: 'exit' } | { cmd: string; [key: string]: unknown };

/** CPU time this process used so far (all threads: user + system), in µs. */
export function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/**
 * Answers `cpu`, `mem` (after two full GCs when run with --expose-gc) and `exit`; other commands go
 * to `extra`. A normal exit lets `--cpu-prof` write its profile.
 */
export function serveTarget(extra: (m: TargetCommand) => unknown = () => undefined): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('SIGTERM', () => process.exit(0));
  // A parent that died (a failed bench) must not leave its targets running.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: TargetCommand) => {
    void (async () => {
      if (m.cmd === 'cpu') process.send!({ cpu: cpuMicros(), at: Number(process.hrtime.bigint() / 1000n) });
      else if (m.cmd === 'mem') {
        gc?.();
        gc?.();
        const { heapUsed, rss } = process.memoryUsage();
        process.send!({ heapUsed, rss });
      } else if (m.cmd === 'exit') process.exit(0);
      else process.send!({ reply: await extra(m) });
    })();
  });
}
