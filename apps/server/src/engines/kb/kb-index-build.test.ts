import { describe, expect, it } from 'vitest';
import { KbAnalyzer } from './kb-analyzer.js';
import { analyseEntries, entityTermsOf } from './kb-index-build.js';
import { KnowledgeBase } from './kb-index.js';
import { buildLexicon } from './kb-lexicon.js';
import type { KbEntry } from './kb-parser.js';

const entry = (n: number, title: string, body: string): KbEntry => ({ id: `t.md#${n}`, title, body, file: 't.md', topic: 'T' });
const entries = [
  entry(1, 'OSPF邻居一直是Init状态怎么办', '检查 hello 报文，两端的区域号要一致。OSPF邻居状态：Init、2-Way、Full。'),
  entry(2, '静态路由怎么配置', '`ip route-static 0.0.0.0 0.0.0.0 10.1.1.2` 就是一条缺省路由。'),
  entry(3, 'STP根桥怎么选', '根桥是桥ID最小的交换机，用 `stp priority 0` 指定根桥。'),
];

describe('analyseEntries', () => {
  it('gives the terms as numbers that name what the analyzer finds as strings', () => {
    const { analyzer, docs } = analyseEntries(entries, buildLexicon(entries, '默认 缺省'));
    const check = new KbAnalyzer(buildLexicon(entries, '默认 缺省'));
    entries.forEach((e, i) => {
      expect(Array.from(docs[i]!.title, (id) => analyzer.table.term(id))).toEqual(check.terms(e.title));
      expect(Array.from(docs[i]!.body, (id) => analyzer.table.term(id))).toEqual(check.terms(e.body));
      expect(docs[i]!.bodyLength).toBe(check.analyze(e.body).length);
    });
    expect(analyzer.analyzeIds(entries[1]!.body).ids).toEqual(docs[1]!.body);
  });

  it('reuses the last table and analyses under the same lexicon, and starts afresh when it changes', () => {
    const first = analyseEntries(entries, buildLexicon(entries, '默认 缺省'));
    const again = analyseEntries(entries, buildLexicon(entries, '默认 缺省'));
    expect(again.analyzer.table).toBe(first.analyzer.table);
    expect(again.docs[0]!.body).toBe(first.docs[0]!.body);
    const other = analyseEntries(entries, buildLexicon(entries, '默认 缺省\n路由器 路由设备'));
    expect(other.analyzer.table).not.toBe(first.analyzer.table);
    expect(other.docs[0]!.body).not.toBe(first.docs[0]!.body);
  });

  it('answers alike after rebuilds that reuse the last analyses and after a fresh build', () => {
    const questions = ['ospf邻居卡在init', '缺省路由怎么配', '根桥怎么选', 'stp priority'];
    const fresh = questions.map((q) => KnowledgeBase.build(entries, { synonyms: '默认 缺省' }).search(q, 3));
    KnowledgeBase.build(entries, { synonyms: '默认 缺省\n路由器 路由设备' });
    const edited = entries.map((e, i) => (i === 1 ? { ...e, body: `${e.body}\n补充：先检查接口状态。` } : e));
    KnowledgeBase.build(edited, { synonyms: '默认 缺省' });
    const rebuilt = KnowledgeBase.build(entries, { synonyms: '默认 缺省' });
    const strip = (hits: ReturnType<KnowledgeBase['search']>) => hits.map((h) => [h.entry.id, h.score, h.confidence, h.terms]);
    expect(questions.map((q) => strip(rebuilt.search(q, 3)))).toEqual(fresh.map(strip));
  });
});

describe('entityTermsOf', () => {
  it('keeps the terms that name an entity, in order and repeated', () => {
    const { analyzer, docs } = analyseEntries(entries, buildLexicon(entries));
    const lexicon = analyzer.lexicon;
    const named = entityTermsOf(analyzer.table, lexicon.entities)(docs[0]!.body);
    const all = Array.from(docs[0]!.body, (id) => analyzer.table.term(id));
    expect(named).toEqual(all.filter((term) => lexicon.entities.has(term)));
    expect(named).toContain('ospf');
    expect(named.length).toBeLessThan(all.length);
  });
});
