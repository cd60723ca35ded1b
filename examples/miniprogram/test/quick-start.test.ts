// @vitest-environment node
// The SDK README's quick start is this sample's code: every block there that names a file of
// miniprogram/ on its first line is that file (whole), or, marked "(excerpt)", a run of its lines
// (indentation aside). A change to either side that is not made to the other fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(fileURLToPath(new URL('../../../packages/wx-sdk/README.md', import.meta.url)), 'utf8');
const sampleFile = (path: string) => readFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), 'utf8');

interface Quoted {
  path: string;
  excerpt: boolean;
  body: string;
}

/** Fenced blocks whose first line is `// miniprogram/…` or `<!-- miniprogram/… -->`. */
function quotedBlocks(markdown: string): Quoted[] {
  const blocks: Quoted[] = [];
  for (const [, body] of markdown.matchAll(/^ *```[^\n]*\n([\s\S]*?)^ *```/gm)) {
    const [first, ...rest] = body!.split('\n');
    const m = /^(?:\/\/|<!--) (miniprogram\/\S+)( \(excerpt[^)]*\))?/.exec(first!);
    if (m) blocks.push({ path: m[1]!, excerpt: Boolean(m[2]), body: rest.join('\n') });
  }
  return blocks;
}

const trimmedLines = (text: string) => text.split('\n').map((l) => l.trim());

/** Whether `excerpt`'s lines appear in `file` one after another (indentation ignored). */
function isRunOf(excerpt: string, file: string): boolean {
  const want = trimmedLines(excerpt.trimEnd());
  const have = trimmedLines(file);
  return have.some((_, i) => want.every((line, j) => have[i + j] === line));
}

describe("the SDK README's quick start", () => {
  const blocks = quotedBlocks(readme);

  it('quotes the config, the app and the chat page of this sample, and shows auth, reset() and rich-text', () => {
    expect(blocks.map((b) => b.path)).toEqual(expect.arrayContaining(['miniprogram/config.js', 'miniprogram/app.js', 'miniprogram/pages/chat/chat.js', 'miniprogram/pages/chat/chat.wxml']));
    const all = blocks.map((b) => b.body).join('\n');
    for (const shown of ["auth: 'none'", "options.auth = 'wx-login'", 'this.chat.reset()', '<rich-text', 'markdownToNodes', 'AI生成']) expect(all).toContain(shown);
  });

  it.each(quotedBlocks(readme).map((b) => [`${b.path}${b.excerpt ? ' (excerpt)' : ''}`, b] as const))('%s is the sample file', (_, block) => {
    const file = sampleFile(block.path);
    if (block.excerpt) expect(isRunOf(block.body, file), block.body).toBe(true);
    else expect(block.body).toBe(file);
  });

  it('notices a change (the comparison can fail)', () => {
    const file = sampleFile('miniprogram/app.js');
    expect(isRunOf("this.chat = new ChatClient({ baseUrl: 'https://elsewhere' });", file)).toBe(false);
  });
});
