import { parseBlocks } from './block-parser.js';
import type { RichTextNode } from './rich-text-node.js';

/**
 * Turns a Markdown answer — complete or still streaming — into the `nodes` of a WeChat
 * `<rich-text>`: headings, paragraphs, **bold** / *italic* / ~~strike~~, lists (nested), `code`,
 * fenced code blocks (whitespace kept, scrolling sideways), tables, blockquotes, rules; links and
 * images become their text and address (rich-text cannot navigate). Half-streamed input renders
 * sensibly: an unclosed fence is a code block so far, an unclosed `**` is bold so far.
 *
 * Safe for any text: tag names, classes and styles come from fixed tables, and every piece of the
 * answer is an entity-escaped text node — no answer text becomes markup, an attribute or a style.
 *
 * @example
 * ```js
 * const { markdownToNodes } = require('@mpchat/wx-sdk/markdown');
 * this.setData({ nodes: markdownToNodes(reply.content) }); // <rich-text nodes="{{nodes}}" />
 * ```
 */
export function markdownToNodes(markdown: string): RichTextNode[] {
  if (typeof markdown !== 'string' || markdown === '') return [];
  return parseBlocks(markdown.replace(/\r\n?/g, '\n').split('\n'));
}
