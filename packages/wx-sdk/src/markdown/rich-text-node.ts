// The node shapes WeChat's <rich-text nodes> accepts, and the only ways this entry builds them.
// (developers.weixin.qq.com/miniprogram/dev/component/rich-text.html: element nodes
// {name, attrs, children}, text nodes {type: 'text', text}; text nodes decode HTML entities.)

/** An element node: `name` and `attrs` always come from this module's fixed tables, never from answer text. */
export interface RichTextElement {
  name: MarkdownTag;
  attrs: { class: string; style: string; start?: string };
  children: RichTextNode[];
}

/** A text node. `text` is entity-escaped (`&amp; &lt; &gt; &quot; &#39;`): rich-text decodes entities. */
export interface RichTextText {
  type: 'text';
  text: string;
}

/** One node of a `<rich-text nodes>` array. */
export type RichTextNode = RichTextElement | RichTextText;

/** Every tag the renderer emits. */
export type MarkdownTag =
  | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6'
  | 'p' | 'br' | 'hr' | 'blockquote' | 'pre' | 'code' | 'strong' | 'em' | 'del' | 'span'
  | 'ul' | 'ol' | 'li' | 'table' | 'thead' | 'tbody' | 'tr' | 'th' | 'td';

// Inline styles, so answers look right even where the page has no md-* rules (rich-text only
// sees the page's wxss classes). Constants: answer text never reaches a style.
const STYLES: Record<string, string> = {
  h1: 'font-size:1.4em;font-weight:bold;margin:0.6em 0 0.3em;',
  h2: 'font-size:1.25em;font-weight:bold;margin:0.6em 0 0.3em;',
  h3: 'font-size:1.1em;font-weight:bold;margin:0.5em 0 0.3em;',
  h4: 'font-weight:bold;margin:0.5em 0 0.3em;',
  h5: 'font-weight:bold;margin:0.4em 0 0.2em;',
  h6: 'font-weight:bold;margin:0.4em 0 0.2em;color:#646a73;',
  p: 'margin:0.3em 0;',
  blockquote: 'margin:0.4em 0;padding:0 0 0 0.8em;border-left:4px solid #dee0e3;color:#646a73;',
  hr: 'border:none;border-top:1px solid #dee0e3;margin:0.6em 0;',
  pre: 'margin:0.4em 0;padding:0.6em;background:#f5f6f7;border-radius:4px;overflow-x:auto;white-space:pre;font-family:Menlo,Consolas,monospace;font-size:0.9em;line-height:1.5;',
  code: 'padding:0 0.2em;background:#f2f3f5;border-radius:3px;font-family:Menlo,Consolas,monospace;font-size:0.9em;',
  'pre-code': 'padding:0;background:none;font-family:inherit;font-size:1em;white-space:pre;',
  ul: 'margin:0.3em 0;padding-left:1.4em;',
  ol: 'margin:0.3em 0;padding-left:1.6em;',
  li: 'margin:0.15em 0;',
  table: 'border-collapse:collapse;margin:0.4em 0;display:block;overflow-x:auto;',
  th: 'border:1px solid #dee0e3;padding:0.2em 0.5em;background:#f5f6f7;font-weight:bold;',
  td: 'border:1px solid #dee0e3;padding:0.2em 0.5em;',
  link: 'color:#3370ff;word-break:break-all;',
};

/** Column alignments a table delimiter row can ask for. */
export type Align = '' | 'left' | 'center' | 'right';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for a rich-text text node (or HTML text / attribute value). */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] || c);
}

/** A text node holding `text`, escaped. */
export function text(raw: string): RichTextText {
  return { type: 'text', text: escapeText(raw) };
}

/**
 * An element from the fixed tables. `variant` picks a style other than the tag's own
 * (`pre-code`, `link`); `align` adds a table cell alignment; `start` an ordered list's first number.
 */
export function element(
  name: MarkdownTag,
  children: RichTextNode[] = [],
  extra: { variant?: 'pre-code' | 'link'; align?: Align; start?: number } = {},
): RichTextElement {
  const key = extra.variant || name;
  const style = (STYLES[key] || '') + (extra.align ? `text-align:${extra.align};` : '');
  const node: RichTextElement = { name, attrs: { class: `md-${key}`, style }, children };
  if (extra.start !== undefined && extra.start !== 1) node.attrs.start = String(extra.start);
  return node;
}
