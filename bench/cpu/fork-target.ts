import { fork, type ChildProcess } from 'node:child_process';

/** A benchmark target running in its own process, reachable over IPC. */
export interface Target {
  proc: ChildProcess;
  port: number;
  path: string;
  /** CPU µs the target used so far (user + system, all threads), and when (monotonic µs). */
  cpu(): Promise<{ cpu: number; at: number }>;
  /** Heap used and RSS after two GCs (needs `--expose-gc` in `execArgv`). */
  mem(): Promise<{ heapUsed: number; rss: number }>;
  /** Sends another command and resolves with the target's reply. */
  ask<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** Asks it to exit normally (so `--cpu-prof` writes its profile) and waits. */
  stop(): Promise<void>;
}

/**
 * Forks `script` with `args` in its own process (stdout discarded: the target logs there as
 * shipped) and waits for its `{ready: {port, path}}` message.
 */
export async function forkTarget(script: string, args: string[], env: Record<string, string> = {}, execArgv: string[] = []): Promise<Target> {
  const proc = fork(script, args, {
    execArgv: ['--conditions=@mpchat/source', '--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { port, path } = await new Promise<{ port: number; path: string }>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench: target ${args.join(' ')} exited ${code} before it was ready`));
    proc.once('exit', onExit);
    proc.on('message', function onReady(m: { ready?: { port: number; path: string } }) {
      if (!m.ready) return;
      proc.off('message', onReady);
      proc.off('exit', onExit);
      resolve(m.ready);
    });
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve) => {
      proc.on('message', function on(m: Record<string, unknown>) {
        if (!(key in m)) return;
        proc.off('message', on);
        resolve((key === 'reply' ? m.reply : m) as T);
      });
    });
  return {
    proc,
    port,
    path,
    async cpu() {
      const answer = next<{ cpu: number; at: number }>('cpu');
      proc.send({ cmd: 'cpu' });
      return answer;
    },
    async mem() {
      const answer = next<{ heapUsed: number; rss: number }>('heapUsed');
      proc.send({ cmd: 'mem' });
      return answer;
    },
    async ask<T>(cmd: string, extra: Record<string, unknown> = {}) {
      const answer = next<T>('reply');
      proc.send({ cmd, ...extra });
      return answer;
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.send({ cmd: 'exit' });
      await exited;
    },
  };
}
