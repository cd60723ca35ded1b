import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markdownToNodes } from './markdown-to-nodes.js';
import type { RichTextNode } from './rich-text-node.js';

/** A terse view of a node tree: `tag(children)`, text as is, `|` between siblings. */
function shape(nodes: RichTextNode[]): string {
  return nodes.map((n) => ('type' in n ? n.text : `${n.name}${n.attrs.start ? `[${n.attrs.start}]` : ''}(${shape(n.children)})`)).join('|');
}
const md = (text: string) => shape(markdownToNodes(text));

describe('markdownToNodes: complete answers', () => {
  it.each([
    ['empty', '', ''],
    ['a paragraph, single newlines kept', '第一行\n第二行', 'p(第一行|br()|第二行)'],
    ['two paragraphs', 'a\n\nb', 'p(a)|p(b)'],
    ['headings 1–6', '# 一\n### 三 ###\n###### 六', 'h1(一)|h3(三)|h6(六)'],
    ['a hash without a space is text', '#标签', 'p(#标签)'],
    ['bold, italic, both, strike', '**粗** *斜* ***都*** ~~删~~ __下__ _x_', 'p(strong(粗)| |em(斜)| |strong(em(都))| |del(删)| |strong(下)| |em(x))'],
    ['bold holding code', '**用 `ping`**', 'p(strong(用 |code(ping)))'],
    ['stars that are not emphasis', '2 * 3 * 4 = 24, a*b', 'p(2 * 3 * 4 = 24, a*b)'],
    ['snake_case stays', 'use max_hop_count here', 'p(use max_hop_count here)'],
    ['backslash escapes', '\\*不是斜体\\* \\`x\\`', 'p(*不是斜体* `x`)'],
    ['inline code keeps its text', '`a  **b**`', 'p(code(a  **b**))'],
    ['double-backtick code holding a backtick', '``a ` b``', 'p(code(a ` b))'],
    ['a link shows label and address', '[华为文档](https://support.huawei.com/x)', 'p(span(华为文档| (https://support.huawei.com/x)))'],
    ['a bare autolink', '<https://a.example/x>', 'p(span(https://a.example/x))'],
    ['an image is its alt text', '![拓扑图](t.png)', 'p(拓扑图)'],
    ['unordered list, any bullet', '- a\n- b\n* c', 'ul(li(a)|li(b)|li(c))'],
    ['ordered list', '1. a\n2. b', 'ol(li(a)|li(b))'],
    ['ordered list keeps its first number', '3. c\n4. d', 'ol[3](li(c)|li(d))'],
    ['nested lists', '1. a\n   - x\n   - y\n2. b\n  1. z', 'ol(li(a|ul(li(x)|li(y)))|li(b|ol(li(z))))'],
    ['loose list', '- a\n\n- b', 'ul(li(a)|li(b))'],
    ['lazy continuation of an item', '- a\nmore', 'ul(li(a|br()|more))'],
    ['fence with language, whitespace kept', '```bash\n  display bgp peer\n\n  x\n```', 'pre(code(  display bgp peer\n\n  x))'],
    ['tilde fence', '~~~\na\n~~~', 'pre(code(a))'],
    ['a fence inside a list item', '1. 查看：\n   ```\n   display ip routing-table\n   ```\n2. 下一步', 'ol(li(查看：|pre(code(display ip routing-table)))|li(下一步))'],
    ['an unindented fence splits the list and the numbering goes on', '1. a\n```\nx\n```\n2. b', 'ol(li(a))|pre(code(x))|ol[2](li(b))'],
    ['table with alignment', '| 命令 | 作用 |\n|:--|--:|\n| `a` | b \\| c |', 'table(thead(tr(th(命令)|th(作用)))|tbody(tr(td(code(a))|td(b | c))))'],
    ['table without outer pipes, short row', 'a | b\n--- | ---\n1 |', 'table(thead(tr(th(a)|th(b)))|tbody(tr(td(1)|td())))'],
    ['blockquote', '> 注意 **x**\n> 第二行', 'blockquote(p(注意 |strong(x)|br()|第二行))'],
    ['horizontal rules', 'a\n\n---\n\n* * *', 'p(a)|hr()|hr()'],
    ['heading right after a paragraph line', 'a\n## b', 'p(a)|h2(b)'],
    ['CRLF line ends', 'a\r\nb', 'p(a|br()|b)'],
  ])('%s', (_, input, expected) => {
    expect(md(input)).toBe(expected);
  });

  it('sets fixed classes and styles: pre scrolls sideways and keeps whitespace', () => {
    const [pre] = markdownToNodes('```\nx\n```');
    expect(pre).toMatchObject({ name: 'pre', attrs: { class: 'md-pre', style: expect.stringContaining('overflow-x:auto') } });
    expect((pre as { attrs: { style: string } }).attrs.style).toContain('white-space:pre');
  });

  it('renders the sample BGP answer without any Markdown marker left', () => {
    const bgp = readFileSync(new URL('../../../../apps/server/kb/05-bgp.md', import.meta.url), 'utf8');
    const texts: string[] = [];
    const walk = (nodes: RichTextNode[], inCode: boolean) =>
      nodes.forEach((n) => ('type' in n ? !inCode && texts.push(n.text) : walk(n.children, inCode || n.name === 'code')));
    walk(markdownToNodes(bgp), false);
    expect(texts.join('')).not.toMatch(/\*\*|```|^#/m);
  });
});

describe('markdownToNodes: half-streamed answers', () => {
  it.each([
    ['an unclosed fence is a code block so far', '说明：\n```\ndisplay bgp peer\n', 'p(说明：)|pre(code(display bgp peer))'],
    ['a fence line alone', '```', 'pre(code())'],
    ['an unclosed ** is bold so far', '**BGP实验ping', 'p(strong(BGP实验ping))'],
    ['a dangling ** at the end shows nothing', '步骤 **', 'p(步骤 )'],
    ['a dangling single * at the end (half of **) shows nothing', '步骤 *', 'p(步骤 )'],
    ['an unclosed backtick is code so far', '执行 `display ip', 'p(执行 |code(display ip))'],
    ['an unclosed strike is struck so far', '~~旧', 'p(del(旧))'],
    ['a table whose delimiter row has not arrived is text', '| a | b |', 'p(| a | b |)'],
    ['a half link is text', '[文档](https://a', 'p([文档](https://a)'],
    ['a list item marker alone', '1.', 'ol(li())'],
  ])('%s', (_, input, expected) => {
    expect(md(input)).toBe(expected);
  });

  it('every prefix of the BGP answer renders without literal ** outside code', () => {
    const bgp = readFileSync(new URL('../../../../apps/server/kb/05-bgp.md', import.meta.url), 'utf8').slice(0, 1500);
    for (let end = 1; end <= bgp.length; end += 7) {
      const flat = JSON.stringify(markdownToNodes(bgp.slice(0, end)).filter((n) => !('name' in n && n.name === 'pre')));
      expect(flat.replace(/"name":"code".*?\]\}/g, '')).not.toContain('**');
    }
  });
});
