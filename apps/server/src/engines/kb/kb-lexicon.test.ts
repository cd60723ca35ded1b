import { describe, expect, it } from 'vitest';
import { cutChinese } from './kb-jieba.js';
import { normalizeTerm } from './kb-glossary.js';
import { buildLexicon, unknownTitleWords } from './kb-lexicon.js';
import { loadKnowledgeBase, readSynonyms, type KbEntry } from './kb-loader.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);

/** The title words the lexicon adds, as first written: every 2–4 character gram, by run, length, then position. */
function referenceTitleWords(entry: KbEntry): string[] {
  const glue = /[的了是在和与或就都也把被给对从到吗呢吧啊么怎什哪为个一这那有没不要会能还]/u;
  const title = entry.title.normalize('NFKC').toLowerCase();
  const body = entry.body.normalize('NFKC').toLowerCase();
  const words: string[] = [];
  for (const [run] of title.matchAll(/\p{Script=Han}{2,}/gu)) {
    const chars = Array.from(run);
    for (let length = 2; length <= 4; length++) {
      for (let i = 0; i + length <= chars.length; i++) {
        const gram = chars.slice(i, i + length).join('');
        if (glue.test(gram[0]!) || glue.test(gram.at(-1)!) || !body.includes(gram)) continue;
        const pieces = cutChinese(gram);
        if (pieces.length > 1 && pieces.every((piece) => piece.length === 1)) words.push(gram);
      }
    }
  }
  return words;
}

/** The commands the lexicon takes from inline code, as first written: title and body joined. */
function referenceInlineCode(entry: KbEntry): string[] {
  const terms: string[] = [];
  for (const [, code] of `${entry.title}\n${entry.body}`.matchAll(/`([^`\n]{2,40})`/g)) {
    const term = normalizeTerm(code!);
    if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+){0,3}$/.test(term)) terms.push(term);
  }
  return terms;
}

describe('buildLexicon', () => {
  it('makes the domain dictionary of the glossary, the synonyms and the entries, in the order of the plain definition', async () => {
    const entries: KbEntry[] = [
      ...(await loadKnowledgeBase(SHIPPED_KB)),
      { id: 'x.md#1', title: '`display ospf peer` 和 `Display  OSPF Peer`', body: '先看 `display ospf peer`，再看 `a`、`x y z w v` 和 `stp priority 0', file: 'x.md', topic: 'X' },
      { id: 'x.md#2', title: '一个` 反引号', body: '`ip route-static` 与 `\nundo`', file: 'x.md', topic: 'X' },
    ];
    const synonyms = await readSynonyms(SHIPPED_KB);
    const lexicon = buildLexicon(entries, synonyms);
    const expected = new Set(buildLexicon([], synonyms).phrases.phrases);
    for (const entry of entries) for (const word of [...referenceInlineCode(entry), ...referenceTitleWords(entry)]) expected.add(lexicon.synonyms.get(word) ?? word);
    expect([...lexicon.phrases.phrases]).toEqual([...expected]);
    const commands = entries.slice(-2).flatMap(referenceInlineCode);
    expect(commands).toEqual(['display-ospf-peer', 'display-ospf-peer', 'display-ospf-peer', 'ip-route-static']);
    for (const command of commands) expect(lexicon.phrases.has(lexicon.synonyms.get(command) ?? command)).toBe(true);
  });

  it("takes the titles' words jieba does not know that their bodies repeat, as the plain definition does, in its order", async () => {
    const entries: KbEntry[] = [
      ...(await loadKnowledgeBase(SHIPPED_KB)),
      { id: 'x.md#1', title: '根桥选举和跟桥，指定端口选举', body: '根桥选举看桥ID；跟桥是错字。指定端口在每个网段上选举。', file: 'x.md', topic: 'X' },
      { id: 'x.md#2', title: '𠀀𠀁测试，测𠀀𠀁', body: '𠀀𠀁测试里的测𠀀𠀁', file: 'x.md', topic: 'X' },
    ];
    const found = entries.map(unknownTitleWords);
    expect(found).toEqual(entries.map(referenceTitleWords));
    expect(found.flat().length).toBeGreaterThan(10);
    const lexicon = buildLexicon(entries, await readSynonyms(SHIPPED_KB));
    for (const word of found.flat()) expect(lexicon.phrases.has(lexicon.synonyms.get(word) ?? word)).toBe(true);
  });
});
