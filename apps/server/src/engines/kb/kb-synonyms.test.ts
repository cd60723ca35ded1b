import { describe, expect, it } from 'vitest';
import { parseSynonyms, synonymMap } from './kb-synonyms.js';

describe('parseSynonyms', () => {
  it('reads one group a line, normalised, skipping comments, blank lines and one-word lines', () => {
    expect(parseSynonyms('# 注释\n默认 缺省\n\nSTP  生成树 # 行尾注释\n单独\nRouter on a stick，单臂路由')).toEqual([
      ['默认', '缺省'],
      ['stp', '生成树'],
      ['router', 'on', 'a', 'stick', '单臂路由'],
    ]);
    expect(parseSynonyms('单臂路由 router-on-a-stick')).toEqual([['单臂路由', 'router-on-a-stick']]);
  });
});

describe('synonymMap', () => {
  it('maps every word to its group’s first word, merging groups that share a word, the earlier group winning', () => {
    const map = synonymMap([['生成树', 'stp'], ['stp', 'spanning-tree']]);
    expect(Object.fromEntries(map)).toEqual({ 生成树: '生成树', stp: '生成树', 'spanning-tree': '生成树' });
  });
});
