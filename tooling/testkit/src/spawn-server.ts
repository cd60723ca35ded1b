// Starts the REAL mpchat server (apps/server/src/main.ts through tsx) as a child process. By path:
// the kit never imports server source (packages never import apps: architecture rule).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

// Resolved when a server starts, not at import: tests in a jsdom environment import the kit too,
// and jsdom's URL is not one fileURLToPath accepts.
const serverPath = (rel: string): string => fileURLToPath(new URL(`../../../apps/server/${rel}`, import.meta.url).href);

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
  const args = builtIn ? ['dist/main.js'] : ['--conditions=@mpchat/source', '--import', 'tsx', serverPath('src/main.ts')];
  const proc = spawn(process.execPath, args, {
    // From the server package, so `--import tsx` resolves wherever the caller runs.
    cwd: builtIn ?? serverPath(''),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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

/** SIGTERM (graceful shutdown), SIGKILL if it has not exited after `ms`. */
export async function stopServer(s: Pick<ServerProcess, 'proc' | 'exited'>, ms = 10_000): Promise<void> {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return;
  s.proc.kill('SIGTERM');
  const timer = setTimeout(() => s.proc.kill('SIGKILL'), ms);
  await s.exited;
  clearTimeout(timer);
}

/** How {@link startServer} starts the server: the built-in knowledge-base engine, no playground. */
export interface KbServerOptions {
  store?: 'memory' | 'sqlite';
  sqlitePath?: string;
  /** 0 (default) lets the OS choose. */
  port?: number;
  /** Delay between 12-character chunks of a kb reply (default 5 ms). */
  chunkDelayMs?: number;
  env?: Record<string, string>;
}

/** A server started by {@link startServer}. */
export interface KbServer {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** SIGTERM (graceful); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

/**
 * The server as the SDK and the example meet it: kb engine with a chosen reply pace, memory or
 * SQLite store, quiet playground.
 *
 * @example
 * const server = await startServer({ chunkDelayMs: 30 });
 * const client = new ChatClient({ baseUrl: server.baseUrl });
 */
export async function startServer(options: KbServerOptions = {}): Promise<KbServer> {
  const env: Record<string, string> = {
    PORT: String(options.port ?? 0),
    STORE: options.store ?? 'memory',
    ENGINE: 'kb',
    KB_CHUNK_DELAY_MS: String(options.chunkDelayMs ?? 5),
    PLAYGROUND: 'false',
    ...(options.sqlitePath === undefined ? {} : { SQLITE_PATH: options.sqlitePath }),
    ...options.env,
  };
  const s = await spawnServer(env, 45_000);
  const exitCode = s.exited.then(({ code }) => code);
  return {
    port: s.port,
    baseUrl: s.url,
    child: s.proc,
    stop: () => {
      s.proc.kill('SIGTERM');
      return exitCode;
    },
    kill: async () => {
      s.proc.kill('SIGKILL');
      await exitCode;
    },
  };
}

/** A server started by {@link spawnQuietServer}. */
export type QuietServer = Pick<ServerProcess, 'proc' | 'port' | 'url' | 'exited'>;

/**
 * The server for benchmarks: quiet (LOG_LEVEL=warn; only stderr is shown), on a free port, ready
 * once `/healthz` answers. Only PATH is inherited, so the caller's environment cannot skew a
 * measurement.
 */
export async function spawnQuietServer(env: Record<string, string>, timeoutMs = 60_000): Promise<QuietServer> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--conditions=@mpchat/source', '--import', 'tsx', serverPath('src/main.ts')], {
    cwd: serverPath(''),
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (proc.exitCode !== null) throw new Error(`[testkit] server exited with ${proc.exitCode} before answering /healthz`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { proc, port, url, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`[testkit] server did not answer /healthz within ${timeoutMs} ms`);
}
