import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, stopServer } from '@mpchat/testkit';
import { loadConfig } from '../src/config/config.js';

// What the container image and its compose file promise, checked without a Docker daemon: the
// files as written, and the server and the HEALTHCHECK command run for real.
const run = promisify(execFile);
const repo = (f: string) => readFileSync(new URL(`../../../${f}`, import.meta.url), 'utf8');
const dockerfile = repo('Dockerfile');
const tmp = mkdtempSync(join(tmpdir(), 'mpchat-image-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The HEALTHCHECK's CMD, as the exec-form array the Dockerfile gives. */
function healthcheckCommand(): string[] {
  const m = /^HEALTHCHECK [^\n]*\\\n\s+CMD (\[.*\])$/m.exec(dockerfile);
  expect(m, 'HEALTHCHECK ... CMD [..] in the Dockerfile').not.toBeNull();
  return JSON.parse(m![1]!) as string[];
}

describe('the container image', () => {
  it('leaves /app owned by root: only /data is handed to the node user', () => {
    const runStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runStage).toMatch(/^COPY --from=build \/app \/app$/m);
    expect(runStage).not.toMatch(/--chown/);
    expect(runStage).toMatch(/chown node:node \/data$/m);
    expect(runStage).toMatch(/^USER node$/m);
  });

  it('stops within docker stop\'s default 10 s: grace + the 2 s hard-exit margin', () => {
    const grace = /SHUTDOWN_GRACE=(\w+)/.exec(dockerfile)?.[1];
    expect(grace).toBeDefined();
    const ms = loadConfig({ SHUTDOWN_GRACE: grace! }).SHUTDOWN_GRACE;
    expect(ms + 2_000).toBeLessThan(10_000);
    expect(loadConfig({}).SHUTDOWN_GRACE + 2_000).toBeLessThan(10_000);
    expect(loadConfig({ SHUTDOWN_GRACE: JSON.parse(repo('container.config.json')).envParams.SHUTDOWN_GRACE }).SHUTDOWN_GRACE + 2_000).toBeLessThan(10_000);
  });

  it('keeps secrets, logs and scratch files out of the build context', () => {
    const ignored = repo('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['.env', '.env.*', '*.log', '*.pem', '*.key', 'tmp', '.git', '**/node_modules']) expect(ignored, entry).toContain(entry);
  });

  it('compose builds one image and runs it for every instance', () => {
    const compose = repo('docker-compose.yml');
    expect(compose.match(/^\s+build: /gm)).toHaveLength(1);
    expect(compose).toMatch(/^x-mpchat: &mpchat\n(?:\s+#.*\n)*\s+image: mpchat:local$/m);
  });

  it('probes /healthz at the HOST the server listens on', async () => {
    const [cmd, ...args] = healthcheckCommand();
    const s = await spawnServer({ STORE: 'memory', HOST: '127.0.0.2' }, 40_000);
    try {
      const env = { ...process.env, HOST: '127.0.0.2', PORT: String(s.port) };
      await expect(run(cmd === 'node' ? process.execPath : cmd!, args, { env })).resolves.toBeDefined();
      // Probing loopback instead (what a HOST-blind check does) finds nothing there.
      await expect(run(process.execPath, args, { env: { ...env, HOST: '127.0.0.3' } })).rejects.toMatchObject({ code: 1 });
    } finally {
      await stopServer(s);
    }
  }, 60_000);
});

describe('the server process', () => {
  it('names the SQLite path and the permission problem when it cannot open the file', async () => {
    const notADir = join(tmp, 'a-file');
    writeFileSync(notADir, '');
    const path = join(notADir, 'mpchat.db');
    const err = await spawnServer({ STORE: 'sqlite', SQLITE_PATH: path }, 40_000).then(
      async (s) => {
        await stopServer(s);
        return new Error('the server started');
      },
      (e: Error) => e,
    );
    expect(err.message).toContain(`mpchat: cannot start: [sqlite] cannot open SQLITE_PATH=${path}: E`);
    expect(err.message).toMatch(/writable by the user the server runs as \(uid \d+\); in the container image only \/data is writable/);
  }, 60_000);

  it('does not log health probes at info, but does log other requests', async () => {
    const s = await spawnServer({ STORE: 'memory' }, 40_000);
    try {
      for (const path of ['/healthz', '/readyz', '/healthz', '/no-such-path']) await (await fetch(`${s.url}${path}`)).arrayBuffer();
      await expect.poll(() => s.output(), { timeout: 5_000 }).toContain('/no-such-path');
      const lines = s.output().split('\n').filter((l) => l.includes('"msg":"request"'));
      expect(lines.filter((l) => /"route":"\/(healthz|readyz)"/.test(l))).toEqual([]);
      expect(lines.some((l) => l.includes('"route":"/no-such-path"'))).toBe(true);
    } finally {
      await stopServer(s);
    }
  }, 60_000);
});
