import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { welcomeSchema, type Welcome } from '@mpchat/contract';

/** What the sample networking-lab knowledge base opens with when no welcome file says otherwise. */
export const DEFAULT_WELCOME: Welcome = {
  greeting: '你好！我是网络实验助教，可以回答路由、交换和模拟器实验中的常见问题。请描述实验现象、使用的协议或设备，以及看到的报错信息。',
  starters: ['BGP实验ping不通怎么办？', 'OSPF邻居一直停留在Init状态怎么办？', '静态路由怎么配置？'],
};

const MAX_STARTERS = 6;

/**
 * Reads `welcome.md` as the greeting (its text before the first list) and the starters (the items
 * of its first list, `- ` or `1. `). Blank-line paragraphs of the greeting are kept.
 */
export function parseWelcomeMarkdown(text: string): Welcome {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
  const first = lines.findIndex((line) => item.test(line));
  const head = first < 0 ? lines : lines.slice(0, first);
  const greeting = head
    .filter((line) => !/^#\s/.test(line))
    .join('\n')
    .trim();
  const starters: string[] = [];
  // The list ends at a line that is not an item (blank lines between items are allowed) or at an
  // item of the other kind (bullets vs numbers).
  const kind = (line: string) => (/^\s*\d/.test(line) ? 'ordered' : 'bullet');
  const listKind = first < 0 ? '' : kind(lines[first]!);
  for (const line of first < 0 ? [] : lines.slice(first)) {
    const m = item.exec(line);
    if (!m) {
      if (line.trim() === '') continue;
      break;
    }
    if (kind(line) !== listKind) break;
    if (m[1]!.trim()) starters.push(m[1]!.trim());
  }
  return { greeting, starters };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Loads the welcome of the knowledge base in `dir`: `welcome.json` (`{greeting, starters}`), else
 * `welcome.md` (see {@link parseWelcomeMarkdown}), else {@link DEFAULT_WELCOME}. At most six starters.
 * Rejects with a `[welcome]` message when a file exists but is malformed.
 */
export async function loadWelcome(dir: string): Promise<Welcome> {
  const json = await readOptional(join(dir, 'welcome.json'));
  let welcome: Welcome;
  if (json !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (err) {
      throw new Error(`[welcome] ${join(dir, 'welcome.json')} is not JSON: ${(err as Error).message}`);
    }
    const parsed = welcomeSchema.safeParse(data);
    if (!parsed.success) throw new Error(`[welcome] ${join(dir, 'welcome.json')} must be {"greeting": "…", "starters": ["…"]}`);
    welcome = parsed.data;
  } else {
    const md = await readOptional(join(dir, 'welcome.md'));
    if (md === undefined) return DEFAULT_WELCOME;
    welcome = parseWelcomeMarkdown(md);
  }
  const starters = welcome.starters.map((s) => s.trim()).filter(Boolean).slice(0, MAX_STARTERS);
  return { greeting: welcome.greeting.trim() || DEFAULT_WELCOME.greeting, starters };
}

/**
 * The welcome served now, re-read by {@link reload} (SIGHUP, with the knowledge base). A failed
 * reload keeps the previous welcome and rethrows.
 *
 * @example
 * const welcome = await WelcomeFile.open(config.KB_DIR);
 * process.on('SIGHUP', () => welcome.reload().catch((err) => log.error({ err }, 'welcome reload failed')));
 */
export class WelcomeFile {
  private constructor(
    private readonly dir: string,
    private welcome: Welcome,
  ) {}

  /** Loads the welcome of `dir` (rejects on a malformed file, like a malformed knowledge base). */
  static async open(dir: string): Promise<WelcomeFile> {
    return new WelcomeFile(dir, await loadWelcome(dir));
  }

  get current(): Welcome {
    return this.welcome;
  }

  async reload(): Promise<void> {
    this.welcome = await loadWelcome(this.dir);
  }
}
