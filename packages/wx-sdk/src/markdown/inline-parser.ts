// Inline Markdown → rich-text nodes: **bold**, *italic*, ~~strike~~, `code`, links and images as
// text, backslash escapes. Built for text that is still streaming in: a marker whose closing
// half has not arrived yet opens its style up to the end (so `**BGP实` shows bold, not asterisks),
// and a lone `*`, `_` or `~` at the very end (maybe the first half of `**`) is held back.
import { element, text, type MarkdownTag, type RichTextNode } from './rich-text-node.js';

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[0-9A-Za-z\u00c0-\uffff]/;
const LINK = /^!?\[([^\]\n]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+"[^"\n]*")?\s*\)/;
const AUTOLINK = /^<((?:https?|ftp|mailto):[^\s<>]*)>/i;

/** Finds where a `marker` closes in `s` from `from`: not after a space, not inside a `code` span. */
function findClose(s: string, marker: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(s.slice(i))![0];
      const end = s.indexOf(run, i + run.length);
      if (end < 0) return -1;
      i = end + run.length - 1;
      continue;
    }
    if (s.substr(i, marker.length) === marker && i > from && !/\s/.test(s.charAt(i - 1))) {
      // `*a**` closes the single star at its first star only when the next one is not a star too.
      if (marker.length === 1 && s.charAt(i + 1) === marker) {
        i++;
        continue;
      }
      if (marker[0] === '_' && WORD.test(s.charAt(i + marker.length))) continue;
      return i;
    }
  }
  return -1;
}

const STYLE_OF: Record<string, MarkdownTag> = { '**': 'strong', __: 'strong', '*': 'em', _: 'em', '~~': 'del' };

/** Parses one block's inline text (lines already joined by "\n", which become <br>). */
export function parseInline(s: string): RichTextNode[] {
  const out: RichTextNode[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push(text(buf));
    buf = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    const rest = s.slice(i);
    if (c === '\\' && i + 1 < s.length && PUNCTUATION.test(s.charAt(i + 1))) {
      buf += s.charAt(i + 1);
      i += 2;
      continue;
    }
    if (c === '\n') {
      flush();
      out.push(element('br'));
      i++;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(rest)![0];
      const end = s.indexOf(run, i + run.length);
      // Unclosed: the code span so far (the closing backtick is probably still streaming).
      const body = end < 0 ? s.slice(i + run.length) : s.slice(i + run.length, end);
      flush();
      if (body) out.push(element('code', [text(body.length > 2 && body[0] === ' ' && body[body.length - 1] === ' ' ? body.slice(1, -1) : body)]));
      i = end < 0 ? s.length : end + run.length;
      continue;
    }
    const link = c === '[' || (c === '!' && s.charAt(i + 1) === '[') ? LINK.exec(rest) : null;
    if (link) {
      // rich-text cannot navigate: the label, then the address as plain text.
      flush();
      const whole = link[0];
      const label = link[1] || '';
      const url = link[2] || '';
      if (c === '!') buf += label;
      else {
        const shown = parseInline(label);
        if (url && url !== label) shown.push(text(` (${url})`));
        out.push(element('span', shown, { variant: 'link' }));
      }
      i += whole.length;
      continue;
    }
    const auto = c === '<' ? AUTOLINK.exec(rest) : null;
    if (auto) {
      flush();
      out.push(element('span', [text(auto[1]!)], { variant: 'link' }));
      i += auto[0].length;
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      const marker = rest.startsWith('***') && c === '*' ? '***' : rest.startsWith(c + c) ? c + c : c;
      const after = s.charAt(i + marker.length);
      const before = i > 0 ? s.charAt(i - 1) : '';
      const canOpen = after !== '' && !/\s/.test(after) && !(c === '_' && WORD.test(before)) && !(marker === '~');
      if (after === '' && !(c === '_' && WORD.test(before))) {
        // A marker at the very end: half of a pair still on its way. Show nothing yet.
        i = s.length;
        continue;
      }
      if (canOpen) {
        const from = i + marker.length;
        const end = findClose(s, marker, from);
        const single = marker.length === 1;
        // Unclosed doubles style the rest (streaming); an unclosed single star is a literal star (2*3).
        if (end >= 0 || !single) {
          const inner = end >= 0 ? s.slice(from, end) : s.slice(from);
          flush();
          const children = parseInline(inner);
          if (marker === '***') out.push(element('strong', [element('em', children)]));
          else out.push(element(STYLE_OF[marker]!, children));
          i = end >= 0 ? end + marker.length : s.length;
          continue;
        }
      }
      buf += marker;
      i += marker.length;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}
