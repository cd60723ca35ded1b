import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WELCOME, parseWelcomeMarkdown } from '../../welcome/welcome-file.js';
import { DEFAULT_MIN_CONFIDENCE } from './kb-engine.js';
import { KnowledgeBase } from './kb-index.js';
import { composeReply } from './kb-reply.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);
const ROOT_README = new URL('../../../../../README.md', import.meta.url);
const OPTIONS = { minConfidence: DEFAULT_MIN_CONFIDENCE, suggestions: 3 };

/** A starter is its entry's title asked as a question: the title without its (…) details, maybe with 怎么办 or ？ added. */
const asked = (title: string) => title.replace(/（[^）]*）/g, '');
const plain = (question: string) => question.replace(/[？?]\s*$/, '');

// What a reader tries first: the questions the README shows, the starters the playground and the
// sample mini-program offer (both show GET /welcome, i.e. kb/welcome.md, or its default), and the
// README's follow-up example. Each must still get its entry whatever the ranker becomes.
describe('the questions the project shows get their entries', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(SHIPPED_KB);
  });
  const answer = (question: string, history: { user: string; assistant: string }[] = []) =>
    composeReply(kb, question, history, OPTIONS).best?.entry.title;

  it("the README's example questions", async () => {
    const readme = await readFile(ROOT_README, 'utf8');
    const questions = new Set([...readme.matchAll(/"content":"([^"]*[？?])"/g), ...readme.matchAll(/chat\.send\('([^']+)'/g)].map((m) => m[1]!));
    expect(questions.size).toBeGreaterThan(0);
    for (const question of questions) expect([question, answer(question)]).toEqual([question, 'BGP实验ping不通怎么办']);
  });

  it("the starters of kb/welcome.md and of the built-in welcome, each on the entry it names", async () => {
    const { starters } = parseWelcomeMarkdown(await readFile(new URL('welcome.md', SHIPPED_KB), 'utf8'));
    expect(starters.length).toBeGreaterThan(0);
    for (const starter of [...starters, ...DEFAULT_WELCOME.starters]) {
      const title = answer(starter);
      expect(title, starter).toBeDefined();
      expect(plain(starter).startsWith(asked(title!)), `${starter} → ${title}`).toBe(true);
    }
  });

  it("the README's follow-up examples", () => {
    const after = (previous: string, question: string) => answer(question, [{ user: previous, assistant: composeReply(kb, previous, [], OPTIONS).text }]);
    expect(after('OSPF认证怎么配置', '那RIP呢')).toBe('RIP认证怎么配置');
    expect(after('RIP怎么配置', '怎么引入静态路由')).toBe('RIP引入直连、静态路由和下发默认路由');
  });
});
