// Starts the REAL mpchat server as a child process (packages never import apps: architecture rule),
// with the built-in knowledge-base engine, and reads the port from its "mpchat listening" log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../apps/server/src/main.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** How to start the server. */
export interface ServerOptions {
  store?: 'memory' | 'sqlite';
  sqlitePath?: string;
  /** 0 (default) lets the OS choose. */
  port?: number;
  /** Delay between 12-character chunks of a kb reply (default 5 ms). */
  chunkDelayMs?: number;
  env?: Record<string, string>;
}

/** A running server. */
export interface ServerProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** SIGTERM (graceful); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

export function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    STORE: options.store ?? 'memory',
    SQLITE_PATH: options.sqlitePath,
    LOG_LEVEL: 'info',
    ENGINE: 'kb',
    KB_CHUNK_DELAY_MS: String(options.chunkDelayMs ?? 5),
    PLAYGROUND: 'false',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--conditions=@mpchat/source', '--import', 'tsx', MAIN], {
    cwd: PACKAGE_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('server did not start within 45 s')), 45_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${output}`));
    };
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /"port":(\d+)[^\n]*"msg":"mpchat listening/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      const port = Number(m[1]);
      // Keep draining the pipes so a chatty server never blocks on a full one.
      output = '';
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.stderr!.resume();
      resolve({
        port,
        baseUrl: `http://127.0.0.1:${port}`,
        child,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code} before listening`)));
  });
}
