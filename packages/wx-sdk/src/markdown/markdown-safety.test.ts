// No answer text may become a tag, an attribute name or value, or a style: rich-text and the
// playground would otherwise render what a prompt-injected model (or a KB author) wrote as markup.
import { describe, expect, it } from 'vitest';
import { markdownToNodes } from './markdown-to-nodes.js';
import { nodesToHtml } from './nodes-to-html.js';
import type { RichTextElement, RichTextNode } from './rich-text-node.js';

const TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'strong', 'em', 'del', 'span', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const STYLE = /^(?:[a-z-]+:[#%.,0-9a-zA-Z ()-]+;)*$/;

function elements(nodes: RichTextNode[], out: RichTextElement[] = []): RichTextElement[] {
  for (const n of nodes) if ('name' in n) out.push(n), elements(n.children, out);
  return out;
}
function texts(nodes: RichTextNode[], out: string[] = []): string[] {
  for (const n of nodes) 'type' in n ? out.push(n.text) : texts(n.children, out);
  return out;
}

const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '**<img src=x onerror=alert(1)>**',
  '" style="position:fixed;top:0;left:0;width:100%;height:100%',
  "' onclick='alert(1)",
  '[点我](javascript:alert(1))',
  '[点我](javascript:alert`1`)',
  '<a href="javascript:alert(1)">x</a>',
  '```"><script>alert(1)</script>\n<style>*{display:none}</style>\n```',
  '| <b>x</b> | " class="y |\n|---|---|\n| <iframe src=//evil> | `</code><script>` |',
  '# <h1 style="color:red">x</h1>',
  '1. <svg onload=alert(1)>\n   - &lt;script&gt;',
  '> <div style="background:url(javascript:alert(1))">',
  '![x" onerror="alert(1)](y.png)',
  '&#60;script&#62; &amp;lt; &',
];

describe('markdownToNodes: escaping', () => {
  it.each(ATTACKS)('%s', (attack) => {
    const nodes = markdownToNodes(attack);
    for (const el of elements(nodes)) {
      expect(TAGS.has(el.name)).toBe(true);
      expect(Object.keys(el.attrs).sort()).toEqual(el.attrs.start ? ['class', 'start', 'style'] : ['class', 'style']);
      expect(el.attrs.class).toMatch(/^md-[a-z0-9-]+$/);
      expect(el.attrs.style).toMatch(STYLE);
      expect(el.attrs.style).not.toMatch(/javascript|url\(|expression|position/i);
    }
    // Text nodes hold no raw markup characters: rich-text decodes entities, so they show as typed.
    for (const t of texts(nodes)) expect(t).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
    // The HTML is our own tags only: without them, no tag, quote or attribute is left.
    const html = nodesToHtml(nodes);
    const ours = /<\/?([a-z0-9]+)(?: class="md-[a-z0-9-]+" style="[^"<>]*"(?: start="\d+")?)?>/g;
    for (const [, tag] of html.matchAll(ours)) expect(TAGS.has(tag!)).toBe(true);
    expect(html.replace(ours, '')).not.toMatch(/[<>"']/);
  });

  it('shows the attack text itself, as text', () => {
    expect(texts(markdownToNodes('<script>alert(1)</script>'))).toEqual(['&lt;script&gt;alert(1)&lt;/script&gt;']);
    expect(texts(markdownToNodes('&lt;'))).toEqual(['&amp;lt;']);
  });

  it('an ordered list start is digits only', () => {
    const [ol] = markdownToNodes('007. x') as RichTextElement[];
    expect(ol?.attrs.start).toBe('7');
  });

  it('returns nothing for a non-string (a JavaScript caller passing undefined mid-stream)', () => {
    expect(markdownToNodes(undefined as unknown as string)).toEqual([]);
  });
});

describe('nodesToHtml', () => {
  it('maps the same tree to HTML', () => {
    expect(nodesToHtml(markdownToNodes('## 标题\n1. **a** `b`\n\n---'))).toBe(
      '<h2 class="md-h2" style="font-size:1.25em;font-weight:bold;margin:0.6em 0 0.3em;">标题</h2>' +
        '<ol class="md-ol" style="margin:0.3em 0;padding-left:1.6em;"><li class="md-li" style="margin:0.15em 0;">' +
        '<strong class="md-strong" style="">a</strong> <code class="md-code" style="padding:0 0.2em;background:#f2f3f5;border-radius:3px;font-family:Menlo,Consolas,monospace;font-size:0.9em;">b</code></li></ol>' +
        '<hr class="md-hr" style="border:none;border-top:1px solid #dee0e3;margin:0.6em 0;">',
    );
  });

  it('cannot be made to inject markup by a hand-made tree', () => {
    const evil = [
      { name: 'img src=x onerror=alert(1)', attrs: { class: 'x', style: '' }, children: [] },
      { name: 'p', attrs: { class: '" onclick="x', style: '"><script>' }, children: [{ type: 'text', text: '<script>alert(1)</script>' }] },
    ] as unknown as RichTextNode[];
    expect(nodesToHtml(evil)).toBe('<p class="&quot; onclick=&quot;x" style="&quot;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
});
