import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './kb-loader.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);

describe('loadKnowledgeBase', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpchat-kb-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the shipped knowledge base: ≥ 40 entries with unique ids, none from README, no fenced line as a title', async () => {
    const entries = await loadKnowledgeBase(SHIPPED_KB);
    expect(entries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    expect(entries.some((entry) => entry.file.toLowerCase() === 'readme.md')).toBe(false);
    expect(entries.find((entry) => entry.title === 'BGP实验ping不通怎么办')?.topic).toBe('BGP 路由协议');
    // The BGP entry ends with a fenced command block; it must stay in that entry's body.
    expect(entries.find((entry) => entry.title === 'BGP实验ping不通怎么办')?.body).toMatch(/display bgp peer\ndisplay bgp routing-table/);
  });

  it('reads only *.md files directly in the folder, sorted by name, skipping README.md in any case', async () => {
    await writeFile(join(dir, '02-b.md'), '# B\n## 第二个文件的条目\nb');
    await writeFile(join(dir, '01-a.md'), '# A\n## 第一个文件的条目\n```\n## 代码里的注释\n```\n');
    await writeFile(join(dir, 'ReadMe.md'), '# 说明\n## 不是条目\n');
    await writeFile(join(dir, 'notes.txt'), '## 也不是条目\n');
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', '00-nested.md'), '## 子目录里的条目\n');

    const entries = await loadKnowledgeBase(dir);

    expect(entries.map((entry) => entry.title)).toEqual(['第一个文件的条目', '第二个文件的条目']);
    expect(entries[0]!.body).toBe('```\n## 代码里的注释\n```');
  });

  it('rejects a missing folder with an error naming it', async () => {
    const missing = join(dir, 'no-such-kb');
    await expect(loadKnowledgeBase(missing)).rejects.toThrow(missing);
    await expect(loadKnowledgeBase(missing)).rejects.toThrow(/\[kb\].*no such folder/);
  });

  it('rejects an empty folder, and one holding only a README, with an error naming it', async () => {
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(new RegExp(`${escape(dir)}.*no entries`));
    await writeFile(join(dir, 'README.md'), '# KB\n## 看起来像条目\n');
    await writeFile(join(dir, 'intro.md'), '# 只有主题，没有条目\n');
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(/no entries/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
