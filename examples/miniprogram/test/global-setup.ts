// One real mpchat server for every test file; each test talks to it in sessions of its own.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
// The SDK's own test harness: the same real server, started the same way.
import { startFakeWechat, startServer } from '@mpchat/testkit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's origin, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
    /** The server's ADMIN_TOKEN (the teachers' feedback export is on). */
    adminToken: string;
    /** A second server, with AUTH=wx-login (history needs an identity), keeping closed conversations. */
    authUrl: string;
    /** wx.login codes that server accepts, once each: `${user}-${n}` logs in as `o-${user}`, n = 1…LOGIN_CODES. */
    loginUsers: string[];
  }
}

/** wx.login codes registered per user at the fake WeChat (each logs in once, as at WeChat). */
export const LOGIN_CODES = 20;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // 25 ms between the kb engine's pieces: a reply streams for about two seconds, time to stop it.
  // Content moderation on, as in production: the word list holds a term of the NAT entry's answer
  // (never of the other questions the tests ask) and one only a rejected message holds.
  const dir = mkdtempSync(join(tmpdir(), 'mpchat-example-'));
  const words = join(dir, 'words.txt');
  writeFileSync(words, '违禁词\nnat session\n');
  const adminToken = 'example-admin-token-0001';
  // The fake WeChat API lives here, beside the servers: under jsdom the tests cannot start one.
  const wechat = await startFakeWechat();
  const loginUsers = ['mp-alice', 'mp-bob'];
  for (const user of loginUsers) for (let n = 1; n <= LOGIN_CODES; n++) wechat.addLoginCode(`${user}-${n}`, { openid: `o-${user}` });
  const authEnv = { AUTH: 'wx-login', AUTH_SECRET: 'example-test-secret-at-least-32-bytes-long', WX_APPID: wechat.appid, WX_SECRET: wechat.secret, WX_API_BASE: wechat.url };
  const [server, auth] = await Promise.all([
    startServer({ chunkDelayMs: 25, env: { MODERATION: 'words', MODERATION_WORDS_FILE: words, ADMIN_TOKEN: adminToken } }),
    startServer({ chunkDelayMs: 0, env: authEnv }),
  ]);
  project.provide('baseUrl', server.baseUrl);
  project.provide('adminToken', adminToken);
  project.provide('authUrl', auth.baseUrl);
  project.provide('loginUsers', loginUsers);
  return async () => {
    await Promise.all([server.stop(), auth.stop()]);
    await wechat.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
