import { describe, expect, it } from 'vitest';
import { IdBuffer, TermTable } from './kb-term-table.js';

describe('TermTable', () => {
  it('numbers terms in the order first seen and gives each the same number again', () => {
    const table = new TermTable();
    expect([table.id('ospf'), table.id('邻居'), table.id('ospf'), table.id('hello')]).toEqual([0, 1, 0, 2]);
    expect(table.terms).toEqual(['ospf', '邻居', 'hello']);
    expect(table.term(1)).toBe('邻居');
    expect(table.size).toBe(3);
  });

  it('refuses a number it never gave, and tells tables apart', () => {
    const table = new TermTable();
    table.id('a');
    expect(() => table.term(1)).toThrow(/no term numbered 1/);
    expect(new TermTable().serial).not.toBe(table.serial);
  });
});

describe('IdBuffer', () => {
  it('grows past its first size, hands its numbers over and starts empty again', () => {
    const buffer = new IdBuffer();
    for (let i = 0; i < 10_000; i++) buffer.push(i * 3);
    const ids = buffer.take();
    expect(ids).toHaveLength(10_000);
    expect(ids[9_999]).toBe(29_997);
    expect(buffer.length).toBe(0);
    buffer.push(7);
    expect([...buffer.take()]).toEqual([7]);
    expect(ids[0]).toBe(0);
  });
});
