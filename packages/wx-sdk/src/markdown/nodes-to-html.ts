import { escapeText, type RichTextNode } from './rich-text-node.js';

const VOID = /^(br|hr)$/;
const TAG = /^[a-z][a-z0-9]*$/;

/**
 * The HTML of a node tree from {@link markdownToNodes}, for web pages (the playground, a
 * server-side preview). Text nodes are already escaped; attribute values are escaped again and
 * tag names checked, so a hand-made tree cannot inject markup either.
 *
 * @example
 * ```js
 * element.innerHTML = nodesToHtml(markdownToNodes(reply.content));
 * ```
 */
export function nodesToHtml(nodes: RichTextNode[]): string {
  let html = '';
  for (const node of nodes) {
    if ('type' in node) {
      html += node.text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
      continue;
    }
    if (!TAG.test(node.name)) continue;
    let attrs = ` class="${escapeText(node.attrs.class)}" style="${escapeText(node.attrs.style)}"`;
    if (node.attrs.start !== undefined) attrs += ` start="${escapeText(node.attrs.start)}"`;
    html += VOID.test(node.name) ? `<${node.name}${attrs}>` : `<${node.name}${attrs}>${nodesToHtml(node.children)}</${node.name}>`;
  }
  return html;
}
