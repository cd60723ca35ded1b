import { describe, expect, it } from 'vitest';
import { parseKbMarkdown } from './kb-parser.js';

describe('parseKbMarkdown', () => {
  it('makes one entry per ## heading, with the # title as topic and the text before the first entry dropped', () => {
    const entries = parseKbMarkdown('# OSPF 路由协议\n\n本文件收集 OSPF 问题。\n\n## 邻居建立不起来\n先看 peer\n\n## DR 选举\n优先级\n', '04-ospf.md');
    expect(entries).toEqual([
      { id: '04-ospf.md#1', title: '邻居建立不起来', body: '先看 peer', file: '04-ospf.md', topic: 'OSPF 路由协议' },
      { id: '04-ospf.md#2', title: 'DR 选举', body: '优先级', file: '04-ospf.md', topic: 'OSPF 路由协议' },
    ]);
  });

  it('does not treat ## or # lines inside ``` or ~~~ fences as headings', () => {
    const text = [
      '# 主题',
      '## 第一条',
      '```bash',
      '## not a heading',
      '# nor this',
      '```',
      '~~~~',
      '## still code',
      '~~~', // shorter than the opening run: does not close it
      '## still code too',
      '~~~~',
      '## 第二条',
      'body',
    ].join('\n');
    const entries = parseKbMarkdown(text, 'a.md');
    expect(entries.map((entry) => entry.title)).toEqual(['第一条', '第二条']);
    expect(entries[0]!.body).toContain('## not a heading');
    expect(entries[0]!.body).toContain('## still code too');
  });

  it('keeps ### subheadings in the body and strips a closing ## run from a title', () => {
    const entries = parseKbMarkdown('## 标题 ##\n### 小节\n内容', 'x.md');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.title).toBe('标题');
    expect(entries[0]!.body).toBe('### 小节\n内容');
  });

  it('reads CRLF files and a BOM, skips empty titles, and falls back to the file name as topic', () => {
    const entries = parseKbMarkdown('\uFEFF## 一\r\nA\r\n## \r\n## 二\r\nB\r\n', '09-misc.md');
    expect(entries.map((entry) => [entry.title, entry.body, entry.topic])).toEqual([
      ['一', 'A', '09-misc'],
      ['二', 'B', '09-misc'],
    ]);
  });

  it('does not take "##text" without a space for a heading', () => {
    expect(parseKbMarkdown('## 条目\n##不是标题\n#hashtag', 'x.md')[0]!.body).toBe('##不是标题\n#hashtag');
  });
});
