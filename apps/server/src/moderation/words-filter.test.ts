import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseForMatching } from './normalise-text.js';
import { parseWordList, WordsFilter } from './words-filter.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-words-'));
const input = (text: string) => ({ text, direction: 'input' as const });

describe('normaliseForMatching', () => {
  it('folds full-width forms and case, drops spaces and zero-width characters', () => {
    expect(normaliseForMatching('Ｆｏｏ　Ｂａｒ１２３').text).toBe('foobar123');
    expect(normaliseForMatching('违\u200B禁 \u200D词\uFEFF').text).toBe('违禁词');
    expect(normaliseForMatching('A\tB\nC\u00ADD').text).toBe('abcd');
  });

  it('maps every normalised character back to its original index', () => {
    const original = 'x Ａ\u200Bb𠮷c';
    const { text, offsets } = normaliseForMatching(original);
    expect(text).toBe('xab𠮷c');
    expect(offsets).toEqual([0, 2, 4, 5, 5, 7, 8]);
  });
});

describe('normaliseForMatching: disguises found by an attack run', () => {
  const words = new WordsFilter(['炸弹', '赌博', 'fuck']);
  it.each([
    ['a variation selector', '炸\uFE0F弹'],
    ['a variation selector in Latin', 'f\uFE00uck'],
    ['a supplementary variation selector', '赌\u{E0100}博'],
    ['a tag character', '炸\u{E0020}弹'],
    ['the Hangul filler', '炸\u3164弹'],
    ['the half-width Hangul filler', '赌\uFFA0博'],
    ['a combining accent', 'f\u0301uck'],
    ['a precomposed accented letter', 'fück'],
    ['punctuation inside a Chinese term', '炸.弹'],
    ['a hyphen inside a Chinese term', '赌-博'],
    ['a middle dot inside a Chinese term', '炸·弹'],
    ['full stops between letters', 'f.u.c.k'],
    ['an emoji inside a term', '炸😀弹'],
    ['a Cyrillic look-alike', 'fu\u0441k'],
    ['Greek and Cyrillic look-alikes', '\u0066\u03c5\u0441\u043a'],
    ['traditional characters', '炸彈'],
    ['traditional characters (2)', '賭博'],
    ['traditional characters with a disguise', '賭\u200B·博'],
  ])('blocks a term disguised with %s', async (_what, text) => {
    expect(await words.check(input(`前文${text}后文`))).toEqual({ action: 'block', label: 'listed-term', filter: 'words' });
  });

  it('leaves ordinary Chinese alone: characters that merely look like letters are not folded to Latin', () => {
    expect(normaliseForMatching('乃匚卄口').text).toBe('乃匚卄口');
    expect(normaliseForMatching('请问BGP协议实验ping不通怎么办？').text).toBe('请问bgp协议实验ping不通怎么办');
  });

  it('maps folded characters back to the original range', () => {
    const text = '说明：炸\uFE0F.彈结束';
    const [hit] = words.findTerms(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('炸\uFE0F.彈');
  });

  it('still misses pinyin and homophones (documented limits of any word list)', async () => {
    for (const text of ['zhadan', '炸蛋', 'du bo']) expect((await words.check(input(text))).action, text).toBe('pass');
  });
});

describe('the words filter', () => {
  it('parses one term a line, skipping blanks, comments and a BOM, storing terms normalised', () => {
    expect(parseWordList('\uFEFF# comment\n违禁词\r\n\n  Ｂａｄ Word \n违禁词\n')).toEqual(['违禁词', 'badword']);
  });

  it('blocks a listed term, also disguised with spaces, full-width letters or zero-width characters', async () => {
    const words = new WordsFilter(['违禁词', 'badword']);
    for (const text of ['这里有违禁词。', '违 禁 词', '违\u200B禁\u200C词', 'ＢＡＤＷＯＲＤ', 'B a d\u2060W o r d', 'x bAdWoRd y']) {
      expect(await words.check(input(text)), text).toEqual({ action: 'block', label: 'listed-term', filter: 'words' });
    }
    for (const text of ['违规的词', 'bad wolf, word', '']) {
      expect(await words.check(input(text)), text).toEqual({ action: 'pass', filter: 'words' });
    }
  });

  it('finds terms with their ranges in the original text', () => {
    const words = new WordsFilter(['违禁词']);
    const text = '前文违\u200B禁 词后文';
    const [hit] = words.findTerms(text);
    expect(hit).toEqual({ term: '违禁词', start: 2, end: 7 });
    expect(text.slice(hit!.start, hit!.end)).toBe('违\u200B禁 词');
  });

  it('passes everything with an empty list', async () => {
    expect(await new WordsFilter([]).check(input('anything'))).toEqual({ action: 'pass', filter: 'words' });
  });

  it('reloads its file, and keeps the old list when the file cannot be read', async () => {
    const file = join(dir, 'words.txt');
    writeFileSync(file, '甲词\n');
    const words = await WordsFilter.fromFile(file);
    expect((await words.check(input('有甲词'))).action).toBe('block');
    writeFileSync(file, '乙词\n丙词\n');
    expect(await words.reload()).toBe(2);
    expect((await words.check(input('有甲词'))).action).toBe('pass');
    expect((await words.check(input('有乙词'))).action).toBe('block');
    const gone = await WordsFilter.fromFile(file);
    writeFileSync(file, '');
    await gone.reload();
    expect(gone.size).toBe(0);
    await expect(WordsFilter.fromFile(join(dir, 'missing.txt'))).rejects.toThrow(/^\[moderation\] cannot read MODERATION_WORDS_FILE/);
    const kept = await WordsFilter.fromFile(file);
    writeFileSync(file, '丁词');
    await kept.reload();
    (kept as unknown as { file: string }).file = join(dir, 'missing.txt');
    await expect(kept.reload()).rejects.toThrow('cannot read');
    expect((await kept.check(input('丁词'))).action).toBe('block');
  });
});
