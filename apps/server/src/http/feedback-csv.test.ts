import { describe, expect, it } from 'vitest';
import type { FeedbackItem } from '@mpchat/contract';
import { csvCell, feedbackCsv, feedbackJson } from './feedback-csv.js';

const item = (comment: string): FeedbackItem => ({ ratedAt: '2026-12-01T00:00:00.000Z', sessionId: 's', seq: 1, rating: 'down', comment, question: '问', answer: '答' });
async function* items(...comments: string[]) {
  for (const c of comments) yield item(c);
}
const text = async (chunks: AsyncIterable<string>) => {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
};

describe('CSV cells a spreadsheet could misread', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['-2+3', "'-2+3"],
    // Regression: a ;-led or ;-holding cell split into columns in Excel set to the ; list separator.
    [';=cmd|calc', `";=cmd|calc"`],
    ['a;b', '"a;b"'],
    ['tab\there', '"tab\there"'],
    ['逗号,引号"', '"逗号,引号"""'],
    ['plain 文本', 'plain 文本'],
  ])('%j → %s', (input, cell) => {
    expect(csvCell(input)).toBe(cell);
  });
});

describe('the streamed export', () => {
  it('writes CSV with a BOM and CRLF rows, one row per item', async () => {
    expect(await text(feedbackCsv(items('好', ';x')))).toBe(
      '\uFEFFratedAt,rating,question,answer,comment,sessionId,seq\r\n2026-12-01T00:00:00.000Z,down,问,答,好,s,1\r\n2026-12-01T00:00:00.000Z,down,问,答,";x",s,1\r\n',
    );
  });

  it('writes the JSON envelope the non-streamed export wrote', async () => {
    expect(JSON.parse(await text(feedbackJson(items('a', 'b'))))).toEqual({ code: 200, message: 'rated answers, oldest first', data: { items: [item('a'), item('b')] } });
    expect(JSON.parse(await text(feedbackJson(items())))).toEqual({ code: 200, message: 'rated answers, oldest first', data: { items: [] } });
  });
});
