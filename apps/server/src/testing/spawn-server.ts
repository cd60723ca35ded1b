import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** The real server in its own process (src/main.ts through tsx). */
export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  url: string;
  wsUrl: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `src/main.ts` with `env` on top of a quiet default environment and waits until it logs
 * that it is listening (PORT=0 picks a free port, read back from the log). With `builtIn`, runs
 * `node dist/main.js` in that folder instead (a production folder, as the container image does).
 */
export function spawnServer(env: Record<string, string>, timeoutMs = 15_000, builtIn?: string): Promise<ServerProcess> {
  const args = builtIn ? ['dist/main.js'] : ['--conditions=@mpchat/source', '--import', 'tsx', MAIN];
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(builtIn ? { cwd: builtIn } : {}),
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"port":(\d+)[^\n]*mpchat listening/.exec(out);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({
          proc,
          port,
          url: `http://127.0.0.1:${port}`,
          wsUrl: `ws://127.0.0.1:${port}/mpweixin/chatbot/ws`,
          output: () => out,
          exited,
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
}
