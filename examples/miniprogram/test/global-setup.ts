// One real mpchat server for every test file; each test talks to it in sessions of its own.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
// The SDK's own test harness: the same real server, started the same way.
import { startServer } from '@mpchat/testkit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's origin, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
    /** The server's ADMIN_TOKEN (the teachers' feedback export is on). */
    adminToken: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // 25 ms between the kb engine's pieces: a reply streams for about two seconds, time to stop it.
  // Content moderation on, as in production: the word list holds a term of the NAT entry's answer
  // (never of the other questions the tests ask) and one only a rejected message holds.
  const dir = mkdtempSync(join(tmpdir(), 'mpchat-example-'));
  const words = join(dir, 'words.txt');
  writeFileSync(words, '违禁词\nnat session\n');
  const adminToken = 'example-admin-token-0001';
  const server = await startServer({ chunkDelayMs: 25, env: { MODERATION: 'words', MODERATION_WORDS_FILE: words, ADMIN_TOKEN: adminToken } });
  project.provide('baseUrl', server.baseUrl);
  project.provide('adminToken', adminToken);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
