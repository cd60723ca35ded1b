import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb-index.js';
import type { KbEntry } from './kb-parser.js';

const entry = (n: number, title: string, body: string): KbEntry => ({ id: `t.md#${n}`, title, body, file: 't.md', topic: 'T' });
const kb = KnowledgeBase.build(
  [
    entry(1, 'STP根桥怎么选，怎么指定根桥', '根桥是桥ID最小的交换机，用 `stp priority 0` 指定根桥。'),
    entry(2, '单臂路由怎么配置（子接口dot1q termination）', '在路由器子接口上配置 `dot1q termination vid 10`。'),
    entry(3, '默认路由怎么配置', '`ip route-static 0.0.0.0 0.0.0.0 10.1.1.2` 就是一条默认路由。'),
  ],
  { synonyms: '默认 缺省\n单臂路由 router-on-a-stick' },
);

describe('segmentation of the domain words', () => {
  it('keeps a domain word jieba does not know in one piece (根桥, not 根 + 桥), found from the knowledge base itself', () => {
    expect(kb.analyze('怎么指定根桥')).toContain('根桥');
  });

  it('cuts Chinese with jieba, so common words do not fall apart into single characters', () => {
    const terms = kb.analyze('华为路由器的网关');
    expect(terms).toEqual(expect.arrayContaining(['华为', '路由器', '网关']));
    expect(terms.filter((term) => term.length === 1)).toEqual([]);
  });

  it('keeps glossary terms whole with their parts beside them, and commands from inline code as one term', () => {
    expect(kb.analyze('静态路由')).toEqual(['静态路由', '静态', '路由']);
    expect(kb.analyze('stp priority 0')).toEqual(['stp-priority-0', 'stp', 'priority', '0']);
    expect(kb.analyze('Eth-Trunk和LACP')).toEqual(['eth-trunk', 'eth', 'trunk', 'lacp']);
  });

  it('normalises full-width letters and case, and drops question words and punctuation', () => {
    expect(kb.analyze('请问ＯＳＰＦ邻居怎么办？')).toEqual(kb.analyze('ospf 邻居'));
  });
});

describe('synonyms', () => {
  it('indexes and searches every word of a group as its first word, as a whole phrase first', () => {
    expect(kb.analyze('缺省路由')).toEqual(kb.analyze('默认路由'));
    expect(kb.search('缺省路由怎么配', 1)[0]?.entry.title).toBe('默认路由怎么配置');
  });

  it('matches a multi-word English synonym typed with spaces or hyphens', () => {
    expect(kb.search('router on a stick怎么做', 1)[0]?.entry.title).toBe('单臂路由怎么配置（子接口dot1q termination）');
    expect(kb.search('Router-On-A-Stick', 1)[0]?.entry.title).toBe('单臂路由怎么配置（子接口dot1q termination）');
  });

  it('adds the shipped glossary: Cisco words find Huawei entries (生成树 is STP)', () => {
    expect(kb.search('生成树的根桥', 1)[0]?.entry.title).toBe('STP根桥怎么选，怎么指定根桥');
  });
});

describe('typos', () => {
  it('repairs a Chinese word typed with the wrong character of the same sound', () => {
    expect(kb.queryTerms('跟桥怎么选')).toContain('根桥');
    expect(kb.queryTerms('单比路由')).toContain('单臂路由');
  });

  it('repairs English terms one edit away, but not short ones that are words of their own', () => {
    expect(kb.queryTerms('termnation')).toContain('termination');
    expect(kb.queryTerms('priorty')).toContain('priority');
    expect(kb.queryTerms('vrrp')).toEqual(['vrrp']);
  });

  it('leaves a question typed correctly as it is', () => {
    expect(kb.queryTerms('根桥怎么选')).toEqual(kb.analyze('根桥怎么选').filter((t, i, all) => all.indexOf(t) === i));
  });
});

describe('words of questions', () => {
  it('are analysed like the entries’ words but not kept: made-up words do not grow the term table', async () => {
    const { buildLexicon } = await import('./kb-lexicon.js');
    const { KbAnalyzer } = await import('./kb-analyzer.js');
    const entries = [entry(1, '默认路由怎么配置', '`ip route-static 0.0.0.0 0.0.0.0 10.1.1.2` 就是一条默认路由。')];
    const analyzer = new KbAnalyzer(buildLexicon(entries, ''));
    const indexed = analyzer.analyzeIds(entries[0]!.title);
    analyzer.freeze();
    const size = analyzer.table.size;
    for (let i = 0; i < 3; i++) {
      // Unknown Latin words, unknown Chinese words and known ones, mixed; the same question twice.
      expect(analyzer.terms(`qzx${i}默认路由和翡翠蜻蜓怎么配置`)).toEqual([`qzx${i}`, ...analyzer.terms('默认路由和翡翠蜻蜓怎么配置')]);
      expect(analyzer.terms('翡翠蜻蜓')).toEqual(['翡翠', '蜻蜓']);
    }
    expect(analyzer.table.size).toBe(size);
    // Words the entries have keep their numbers.
    expect(analyzer.terms('默认路由')).toEqual(['默认路由', '默认', '路由']);
    expect([...indexed.ids]).toContain(analyzer.table.lookup('默认路由'));
    expect(() => analyzer.analyzeIds('默认路由')).toThrow(/frozen/);
  });
});
