import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { spawnServer, stopServer, type ServerProcess } from '@mpchat/testkit';
import { launchChromium, openConsole, signIn, type WatchedPage } from './console-browser.js';
import { Student } from './console-students.js';

/** The admin token of the teacher `wang`. */
export const TOKEN = 'console-e2e-token-0123456789';
/** A question the shipped knowledge base answers (its best entry is {@link BGP_TITLE}). */
export const MATCHED = '请问BGP协议实验ping不通怎么办?';
/** A question it has nothing for. */
export const UNMATCHED = '学校食堂几点开门？';
/** The entry the hit test ranks first for {@link MATCHED}. */
export const BGP_TITLE = 'BGP实验ping不通怎么办';

/** A course of the console's browser tests: the server, Chromium, three students and a signed-in desktop page. */
export interface ConsoleCourse {
  server: ServerProcess;
  browser: Browser;
  /** A 1280-px page, signed in as `wang`. */
  desk: WatchedPage;
  /** Asked {@link MATCHED} and gave 👍; then asked a question the word list refuses. */
  a: Student;
  /** Asked {@link MATCHED} and gave 👎 "没有说清楚". */
  b: Student;
  /** Asked {@link UNMATCHED}. */
  c: Student;
  /** The `data` of an admin GET, read as `wang`. */
  admin<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts the real server in its own process (SQLite file, the shipped knowledge base, 微信云托管
 * identities so each student is one pseudonym, a word list) and Chromium, and makes what the
 * dashboard must show: three students, three stored questions, one 👍, one 👎, one question that
 * matched nothing, and one refused by the word list.
 */
export async function startConsoleCourse(): Promise<ConsoleCourse> {
  const tmp = mkdtempSync(join(tmpdir(), 'mpchat-console-'));
  writeFileSync(join(tmp, 'words.txt'), '违禁词\n');
  const server = await spawnServer(
    {
      STORE: 'sqlite',
      SQLITE_PATH: join(tmp, 'mpchat.db'),
      ENGINE: 'kb',
      KB_CHUNK_DELAY_MS: '1',
      AUTH: 'wx-cloud',
      AUTH_WX_HEADERS_TRUSTED: 'true',
      ADMIN_TOKENS: `wang:${TOKEN}`,
      MODERATION: 'words',
      MODERATION_WORDS_FILE: join(tmp, 'words.txt'),
      PLAYGROUND: 'false',
    },
    45_000,
  );
  const browser = await launchChromium();
  const stop = async () => {
    await browser.close();
    await stopServer(server);
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => new Student(server.url, `openid-student-${x}`)) as [Student, Student, Student];
    expect(await a.ask(MATCHED)).toBe(200);
    expect(await b.ask(MATCHED)).toBe(200);
    expect(await c.ask(UNMATCHED)).toBe(200);
    for (const s of [a, b, c]) expect((await s.replyAfter(0)).code).toBe(200);
    expect(await a.rate(1, 'up')).toBe(200);
    expect(await b.rate(1, 'down', '没有说清楚')).toBe(200);
    expect(await a.ask('这里有违禁词')).toBe(422);
    const desk = await openConsole(browser, 1280, 860);
    await signIn(desk.page, server.url, TOKEN);
    const admin = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      return ((await res.json()) as { data: T }).data;
    };
    return { server, browser, desk, a, b, c, admin, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * `expect.poll` with a browser's patience: a save, its reload and a re-render take longer than
 * vitest's default second on a busy two-core machine.
 */
export function eventually<T>(read: () => T | Promise<T>): ReturnType<typeof expect.poll<T | Promise<T>>> {
  return expect.poll(read, { timeout: 10_000, interval: 100 });
}
