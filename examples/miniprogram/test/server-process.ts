// Starts the REAL mpchat server (apps/server, from its sources) as a child process with the
// built-in knowledge-base engine and a memory store, and reads the port from its
// "mpchat listening" log line. Adapted from packages/wx-sdk/test/server-process.ts.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// (Paths, not URL objects: under jsdom the global URL is jsdom's, which fileURLToPath refuses.)
const HERE = dirname(fileURLToPath(import.meta.url));
const MAIN = join(HERE, '../../../apps/server/src/main.ts');
// `--import tsx` is resolved from the working directory: this package has tsx.
const PACKAGE_DIR = join(HERE, '..');

/** A running server. */
export interface ServerProcess {
  baseUrl: string;
  /** SIGTERM (graceful); resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts the server; `chunkDelayMs` paces the kb engine's streamed pieces (12 characters each). */
export function startServer(chunkDelayMs: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--conditions=@mpchat/source', '--import', 'tsx', MAIN], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      STORE: 'memory',
      ENGINE: 'kb',
      KB_CHUNK_DELAY_MS: String(chunkDelayMs),
      LOG_LEVEL: 'info',
      PLAYGROUND: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  let listening = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('server did not start within 45 s')), 45_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${output}`));
    };
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /"port":(\d+)[^\n]*"msg":"mpchat listening/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      listening = true;
      // Keep draining the pipes so a chatty server never blocks on a full one.
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.stderr.resume();
      resolve({
        baseUrl: `http://127.0.0.1:${m[1]}`,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.once('exit', (code) => listening || fail(new Error(`server exited with ${code} before listening`)));
  });
}
