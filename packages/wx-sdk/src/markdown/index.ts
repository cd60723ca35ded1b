/**
 * @mpchat/wx-sdk/markdown — render Markdown answers in a mini-program's `<rich-text nodes>`
 * (and as HTML for web pages). A separate entry: the core bundle does not carry it.
 *
 * @packageDocumentation
 */
export { markdownToNodes } from './markdown-to-nodes.js';
export { nodesToHtml } from './nodes-to-html.js';
export { escapeText } from './rich-text-node.js';
export type { MarkdownTag, RichTextElement, RichTextNode, RichTextText } from './rich-text-node.js';
