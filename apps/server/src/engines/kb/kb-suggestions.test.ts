import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb-index.js';
import { DEFAULT_MIN_CONFIDENCE } from './kb-engine.js';
import { composeReply } from './kb-reply.js';
import { suggestFollowUps, titleAsQuestion } from './kb-suggestions.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);
const REPLY = { minConfidence: DEFAULT_MIN_CONFIDENCE, suggestions: 3 };

describe('suggestFollowUps on the shipped kb/', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(SHIPPED_KB);
  });
  /** What the kb engine passes: the question and the entry that answered it. */
  const afterKbAnswer = (question: string) => {
    const answered = composeReply(kb, question, [], REPLY).sources[0]!;
    return { answered: answered.title, suggestions: suggestFollowUps(kb, { question, sources: [answered] }) };
  };

  it('follows the BGP answer with related BGP questions', () => {
    const { suggestions } = afterKbAnswer('请问BGP协议实验ping不通怎么办?');
    expect(suggestions).toEqual(['display bgp peer输出怎么看？', 'EBGP用loopback建邻居怎么做？', 'BGP邻居一直停在Active或Connect状态怎么办？']);
  });

  it.each(['请问BGP协议实验ping不通怎么办?', 'VLAN怎么创建', 'OSPF邻居一直停留在ExStart状态怎么办', 'eNSP错误40', 'PC获取不到DHCP地址', 'RIP学不到路由', 'STP根桥', 'ACL不生效'])(
    'after "%s": ≤ 3 short questions, none the answered entry or the question, no duplicates, each answered by its own entry',
    (question) => {
      const { answered, suggestions } = afterKbAnswer(question);
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.length).toBeLessThanOrEqual(3);
      expect(new Set(suggestions).size).toBe(suggestions.length);
      for (const s of suggestions) {
        expect(s.length).toBeLessThanOrEqual(32);
        expect(s).toMatch(/？|？（[^）]+）$/);
        expect(s).not.toBe(question);
        // Tapped, it is answered with the entry it came from — not the one just shown.
        const next = composeReply(kb, s, [], REPLY).sources[0]?.title;
        expect(next).toBeDefined();
        expect(next).not.toBe(answered);
        expect(s.startsWith(next!.split(/[（：，]/)[0]!)).toBe(true);
      }
    },
  );

  it('after an LLM answer: none of the sections it used, related to them', () => {
    const sources = kb.search('OSPF邻居建立不起来', 4).map((hit) => ({ title: hit.entry.title }));
    const suggestions = suggestFollowUps(kb, { question: 'OSPF邻居建立不起来', sources });
    expect(suggestions).toHaveLength(3);
    for (const s of suggestions) {
      for (const { title } of sources) expect(s.startsWith(title.split(/[（：，]/)[0]!)).toBe(false);
      expect(s).toMatch(/OSPF|DR|router-id|区域/);
    }
  });

  it('never suggests the question just asked, even when it is another entry’s title', () => {
    const question = 'OSPF邻居一直停留在Init状态';
    const sources = [{ title: 'OSPF邻居一直停留在ExStart或Exchange状态' }];
    const suggestions = suggestFollowUps(kb, { question, sources });
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions).not.toContain('OSPF邻居一直停留在Init状态怎么办？');
  });

  it('honours a smaller limit, and never more than 3', () => {
    const turn = { question: 'VLAN怎么创建', sources: [{ title: 'VLAN怎么创建，端口怎么加入VLAN（access）' }] };
    expect(suggestFollowUps(kb, turn, { limit: 1 })).toHaveLength(1);
    expect(suggestFollowUps(kb, turn, { limit: 0 })).toEqual([]);
    expect(suggestFollowUps(kb, turn, { limit: 10 })).toHaveLength(3);
  });

  it('works from a section title the index does not hold (searched by the title alone)', () => {
    expect(suggestFollowUps(kb, { question: '', sources: [{ title: 'STP根桥选举' }] }).length).toBeGreaterThan(0);
  });

  it('suggests nothing when nothing relates', () => {
    expect(suggestFollowUps(kb, { question: '今天天气怎么样', sources: [] })).toEqual([]);
  });
});

describe('suggestFollowUps: no two alike', () => {
  it('two entries that read as the same question: at most one is suggested (a tap could not tell them apart)', () => {
    const entry = (id: string, title: string) => ({ id, title, body: 'VLAN trunk 端口', file: 'x.md', topic: 'x' });
    const kb = new KnowledgeBase([entry('x#1', 'VLAN基础'), entry('x#2', 'trunk口怎么配置'), entry('x#3', 'trunk口怎么配置。'), entry('x#4', 'hybrid口')]);
    const suggestions = suggestFollowUps(kb, { question: 'VLAN', sources: [{ title: 'VLAN基础' }] });
    expect(suggestions.filter((s) => s.startsWith('trunk口怎么配置')).length).toBeLessThanOrEqual(1);
  });
});

describe('titleAsQuestion', () => {
  it.each([
    ['BGP实验ping不通怎么办', 'BGP实验ping不通怎么办？'],
    ['静态路由怎么配置（ip route-static）', '静态路由怎么配置？（ip route-static）'],
    ['OSPF邻居一直停留在Init状态', 'OSPF邻居一直停留在Init状态怎么办？'],
    ['EBGP用loopback建邻居：ebgp-max-hop', 'EBGP用loopback建邻居怎么做？（ebgp-max-hop）'],
    ['汇总路由和黑洞路由NULL0', '汇总路由和黑洞路由NULL0是什么？'],
    ['OSPF基本配置（router-id、area、network）', 'OSPF基本配置怎么做？（router-id、area、network）'],
    ['华为和思科常用配置命令对照（system-view和configure terminal）', '华为和思科常用配置命令对照有哪些？'],
    ['OSPF基本配置（router-id、area、network、很长很长很长的旁注）', 'OSPF基本配置怎么做？'],
  ])('%s → %s', (title, question) => {
    expect(titleAsQuestion(title, 40)).toBe(question);
  });

  it('shortens a long title to its first clause, or gives up', () => {
    expect(titleAsQuestion('DNS怎么配置，域名解析失败怎么办', 10)).toBe('DNS怎么配置？');
    expect(titleAsQuestion('BGP邻居状态Idle、Connect、Active、OpenSent、OpenConfirm、Established含义', 32)).toBeUndefined();
  });
});
