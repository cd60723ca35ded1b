// Block Markdown → rich-text nodes: headings, paragraphs (single newlines kept as <br>), fenced
// code (an unclosed fence is a code block up to the end: the rest is still streaming), lists
// (nested by indentation), tables, blockquotes, horizontal rules.
import { parseInline } from './inline-parser.js';
import { element, text, type Align, type RichTextNode } from './rich-text-node.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)/;
const DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const indentOf = (line: string) => line.replace(/\t/g, '    ').search(/\S|$/);
const isBlank = (line: string) => line.trim() === '';
/** Line `k`, or '' past the end. */
const at = (lines: string[], k: number): string => (k < lines.length ? lines[k]! : '');

/** Splits a table row into cells: outer pipes optional, `\|` is a literal pipe. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  const trimmed = row.trim();
  for (let k = trimmed[0] === '|' ? 1 : 0; k < trimmed.length; k++) {
    if (trimmed[k] === '\\' && trimmed[k + 1] === '|') cell += trimmed[++k];
    else if (trimmed[k] === '|') {
      out.push(cell.trim());
      cell = '';
    } else cell += trimmed[k];
  }
  if (cell.trim() || trimmed[trimmed.length - 1] !== '|') out.push(cell.trim());
  return out;
}

function alignments(row: string): Align[] {
  return cells(row).map((c) => (/^:-+:$/.test(c) ? 'center' : /^-+:$/.test(c) ? 'right' : /^:-+$/.test(c) ? 'left' : ''));
}

function startsBlock(line: string, next: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || HR.test(line) || QUOTE.test(line) || ITEM.test(line) || isTableStart(line, next);
}

function isTableStart(line: string, next: string): boolean {
  return line.indexOf('|') >= 0 && next.indexOf('-') >= 0 && DELIMITER.test(next);
}

/** Parses lines into block nodes. */
export function parseBlocks(lines: string[]): RichTextNode[] {
  const out: RichTextNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = at(lines, i);
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && !(fence[1]![0] === '`' && fence[2]!.indexOf('`') >= 0)) {
      const marker = fence[1]!;
      const indent = line.search(/\S/);
      const body: string[] = [];
      i++;
      while (i < lines.length) {
        const close = FENCE.exec(at(lines, i));
        if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length && close[2]!.trim() === '') break;
        body.push(indent > 0 ? at(lines, i).replace(new RegExp(`^ {0,${indent}}`), '') : at(lines, i));
        i++;
      }
      if (i >= lines.length) while (body.length > 0 && isBlank(at(body, body.length - 1))) body.pop(); // still streaming
      i++; // the closing fence (or past the end when it has not arrived yet)
      out.push(element('pre', [element('code', [text(body.join('\n'))], { variant: 'pre-code' })]));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push(element(`h${heading[1]!.length}` as 'h1', parseInline(heading[2]! || '')));
      i++;
      continue;
    }
    if (HR.test(line)) {
      out.push(element('hr'));
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !isBlank(at(lines, i)) && (QUOTE.test(at(lines, i)) || !startsBlock(at(lines, i), at(lines, i + 1)))) {
        const m = QUOTE.exec(at(lines, i));
        inner.push(m ? m[1]! : at(lines, i));
        i++;
      }
      out.push(element('blockquote', parseBlocks(inner)));
      continue;
    }
    if (ITEM.test(line)) {
      i = parseList(lines, i, out);
      continue;
    }
    if (isTableStart(line, at(lines, i + 1))) {
      const head = cells(line);
      const align = alignments(at(lines, i + 1));
      const row = (values: string[], tag: 'th' | 'td') =>
        element('tr', head.map((_, k) => element(tag, parseInline(values[k] || ''), { align: align[k] })));
      const body: RichTextNode[] = [];
      i += 2;
      while (i < lines.length && !isBlank(at(lines, i)) && at(lines, i).indexOf('|') >= 0) body.push(row(cells(at(lines, i++)), 'td'));
      out.push(element('table', [element('thead', [row(head, 'th')]), element('tbody', body)]));
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(at(lines, i)) && (para.length === 0 || !startsBlock(at(lines, i), at(lines, i + 1)))) para.push(at(lines, i++).trim());
    out.push(element('p', parseInline(para.join('\n'))));
  }
  return out;
}

/** Parses the list starting at `lines[start]` into `out`; returns the index after it. */
function parseList(lines: string[], start: number, out: RichTextNode[]): number {
  const first = ITEM.exec(at(lines, start))!;
  const base = indentOf(first[1]!);
  const ordered = /\d/.test(first[2]!);
  const items: RichTextNode[] = [];
  let i = start;
  while (i < lines.length) {
    const m = ITEM.exec(at(lines, i));
    if (!m || indentOf(m[1]!) !== base || /\d/.test(m[2]!) !== ordered) break;
    const contentIndent = base + m[2]!.length + 1;
    const body: string[] = [m[3]! || ''];
    i++;
    // The item's own lines: indented past its marker, lazy paragraph continuations, blank lines inside.
    while (i < lines.length) {
      const l = at(lines, i);
      if (isBlank(l)) {
        if (i + 1 < lines.length && !isBlank(at(lines, i + 1)) && indentOf(at(lines, i + 1)) >= contentIndent) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      const indent = indentOf(l);
      if (indent > base && (indent >= contentIndent || ITEM.test(l))) body.push(l.replace(/\t/g, '    ').slice(Math.min(indent, contentIndent)));
      else if (!startsBlock(l, at(lines, i + 1)) && !isBlank(at(body, body.length - 1))) body.push(l.trim());
      else break;
      i++;
    }
    const blocks = parseBlocks(body);
    // A tight item's single paragraph is shown without paragraph margins.
    const lead = blocks[0];
    const children = lead && 'name' in lead && lead.name === 'p' ? lead.children.concat(blocks.slice(1)) : blocks;
    items.push(element('li', children));
    // Blank lines between items of the same list keep the list going.
    let j = i;
    while (j < lines.length && isBlank(at(lines, j))) j++;
    const nextItem = j < lines.length ? ITEM.exec(at(lines, j)) : null;
    if (j > i && nextItem && indentOf(nextItem[1]!) === base && /\d/.test(nextItem[2]!) === ordered) i = j;
  }
  out.push(element(ordered ? 'ol' : 'ul', items, ordered ? { start: parseInt(first[2]!, 10) } : {}));
  return i;
}
