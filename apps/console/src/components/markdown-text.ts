import { markdownToNodes, type RichTextNode } from '@mpchat/wx-sdk/markdown';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** Tags that run inside a line; every other one ends a block, which becomes a space. */
const INLINE = new Set(['strong', 'em', 'code', 'del', 'span']);

/**
 * An answer's Markdown as one line of plain text, for a table cell that has room for its start
 * only: the words students read, without `**` or list numbers. Parsed by the students' own
 * renderer, so what counts as a mark is the same as in the mini-program.
 */
export function markdownText(source: string): string {
  const parts: string[] = [];
  const walk = (nodes: RichTextNode[]): void => {
    for (const node of nodes) {
      if ('type' in node) parts.push(node.text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!));
      else {
        walk(node.children);
        if (!INLINE.has(node.name)) parts.push(' ');
      }
    }
  };
  walk(markdownToNodes(source));
  return parts.join('').replace(/\s+/g, ' ').trim();
}
