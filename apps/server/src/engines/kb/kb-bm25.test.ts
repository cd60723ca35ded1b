import { describe, expect, it } from 'vitest';
import { Bm25Index } from './kb-bm25.js';
import { TermTable } from './kb-term-table.js';

const table = new TermTable();
// Numbered out of order of use, as a table shared with earlier builds numbers them.
for (const term of ['peer', 'unused', 'hello']) table.id(term);
const doc = (title: string[], body: string[]) => ({
  title: title.map((term) => table.id(term)),
  body: body.map((term) => table.id(term)),
  titleLength: title.length,
  bodyLength: body.length,
});

describe('Bm25Index', () => {
  const index = new Bm25Index([doc(['ospf', '邻居'], ['ospf', 'hello', 'hello']), doc(['rip'], ['hello', '邻居', 'rip']), doc(['bgp'], ['peer'])], table.terms);

  it('lists the vocabulary in the order terms are first met, title before body, with document counts', () => {
    expect([...index.vocabulary()]).toEqual([
      ['ospf', 1],
      ['邻居', 2],
      ['hello', 2],
      ['rip', 1],
      ['bgp', 1],
      ['peer', 1],
    ]);
    expect(index.df('hello')).toBe(2);
    expect(index.df('missing')).toBe(0);
    expect(index.df('unused')).toBe(0);
  });

  it('tells whether a document holds a term in its title, only in its body, or not at all', () => {
    expect(index.where('邻居', 0)).toBe('title');
    expect(index.where('邻居', 1)).toBe('body');
    expect(index.where('邻居', 2)).toBeUndefined();
    expect(index.where('peer', 2)).toBe('body');
  });

  it('scores by counts in each field: a title hit outranks a body hit, more occurrences score higher', () => {
    const scores = new Map(index.search([{ term: '邻居', weight: 1 }]).map((m) => [m.doc, m.score]));
    expect([...scores.keys()].sort()).toEqual([0, 1]);
    expect(scores.get(0)!).toBeGreaterThan(scores.get(1)!);
    const hello = new Map(index.search([{ term: 'hello', weight: 1 }]).map((m) => [m.doc, m.score]));
    expect(hello.get(0)!).toBeGreaterThan(hello.get(1)!);
  });

  it('refuses a term number its table does not have', () => {
    expect(() => new Bm25Index([{ title: [0], body: [table.size], titleLength: 1, bodyLength: 1 }], table.terms)).toThrow(/term number/);
  });

  it('counts a term for as many documents and words as there are, past its first thousand terms', () => {
    const many = Array.from({ length: 3000 }, (_, i) => doc([`t${i}`], [`t${i}`, `t${(i + 1) % 3000}`]));
    const big = new Bm25Index(many, table.terms);
    expect(big.vocabulary().size).toBe(3000);
    expect(big.df('t2999')).toBe(2);
    expect(big.where('t0', 2999)).toBe('body');
    expect(big.where('t0', 0)).toBe('title');
  });
});
