// A week of a course's questions, for the console's screenshots: ten students asking the lab's
// questions (most answered by the shipped knowledge base, some not, a few rated, a few refused by the
// word list). Each day goes to a server started with its clock set back that many days when Debian's
// libfaketime is installed (package faketime); without it, the whole week is asked today.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnServer, stopServer } from '@mpchat/testkit';
import { Student } from './console-students.js';

const FAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** What students asked, day by day (0 is today): the question, then 👍 / 👎 with a comment. */
type Ask = [openid: string, question: string, rating?: 'up' | 'down', comment?: string];
const WEEK: Ask[][] = [
  [
    ['s01', '静态路由怎么配置', 'up'],
    ['s02', 'PC ping不通网关怎么办', 'up'],
    ['s03', '实验报告什么时候交？'],
  ],
  [
    ['s04', 'RIP学不到路由怎么办', 'up'],
    ['s01', '默认路由怎么配置'],
    ['s05', 'RIPv1和RIPv2有什么区别'],
  ],
  [
    ['s06', 'OSPF邻居建立不起来怎么排查', 'down', '按步骤查了还是起不来'],
    ['s02', 'DR和BDR是怎么选举的', 'up'],
    ['s07', '实验报告的截止时间是哪天？'],
    ['s03', '期末考试考哪些内容？'],
    ['s07', '考试可以作弊吗'],
  ],
  [
    ['s08', 'OSPF多区域怎么配置', 'up'],
    ['s04', 'OSPF学到了路由但还是ping不通'],
    ['s09', '有人代写实验报告吗'],
  ],
  [
    ['s05', '请问BGP协议实验ping不通怎么办?', 'up'],
    ['s10', 'BGP邻居一直是Idle状态', 'up'],
    ['s06', 'display bgp peer输出怎么看'],
    ['s01', '实验报告要交纸质版还是电子版？'],
  ],
  [
    ['s07', 'IBGP学到的路由下一跳不可达', 'down', '没看懂next-hop-local要在哪台上配'],
    ['s02', 'BGP路由表里有路由但没有被选为最优'],
    ['s08', '期末考试是开卷吗？'],
    ['s02', '谁能帮我代写一下实验报告'],
  ],
  [
    ['s09', '同VLAN跨交换机ping不通', 'up'],
    ['s10', '单臂路由怎么配置', 'up'],
    ['s03', 'STP根桥怎么选'],
    ['s04', '学校食堂几点开门？'],
    ['s05', '食堂晚上几点关门？'],
  ],
];

/** One day of questions, asked of a server whose clock is `daysAgo` days back. */
async function askDay(env: Record<string, string>, asks: Ask[], daysAgo: number, faked: boolean): Promise<void> {
  const clock: Record<string, string> = faked && daysAgo > 0 ? { LD_PRELOAD: FAKETIME, FAKETIME: `-${daysAgo}d`, FAKETIME_DONT_FAKE_MONOTONIC: '1' } : {};
  const server = await spawnServer({ ...env, ...clock }, 45_000);
  try {
    for (const [openid, question, rating, comment] of asks) {
      const student = new Student(server.url, `openid-${openid}`);
      const status = await student.ask(question);
      if (status === 422) continue; // refused by the word list: in the moderation log, never stored
      if ((await student.replyAfter(0)).code !== 200) throw new Error(`no reply to ${question}`);
      if (rating) await student.rate(1, rating, comment);
    }
  } finally {
    await stopServer(server);
  }
}

/**
 * Asks the week into a SQLite file in `dir`, oldest day first, and answers the environment of a
 * server on that file (teacher `wang` with `token`, the word list `代写` / `作弊`).
 */
export async function seedWeek(dir: string, token: string): Promise<Record<string, string>> {
  writeFileSync(join(dir, 'words.txt'), '代写\n作弊\n');
  const env = {
    STORE: 'sqlite',
    SQLITE_PATH: join(dir, 'mpchat.db'),
    ENGINE: 'kb',
    KB_CHUNK_DELAY_MS: '1',
    AUTH: 'wx-cloud',
    AUTH_WX_HEADERS_TRUSTED: 'true',
    ADMIN_TOKENS: `wang:${token}`,
    MODERATION: 'words',
    MODERATION_WORDS_FILE: join(dir, 'words.txt'),
    PLAYGROUND: 'false',
  };
  const faked = existsSync(FAKETIME);
  if (!faked) console.warn(`console-week: no ${FAKETIME}; the whole week is asked today`);
  for (const [i, asks] of WEEK.entries()) await askDay(env, asks, WEEK.length - 1 - i, faked);
  return env;
}
