import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb-index.js';
import { DEFAULT_MIN_CONFIDENCE } from './kb-engine.js';
import type { KbHit } from './kb-hit.js';
import { composeReply, preferSureRunnerUp } from './kb-reply.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);
const OPTIONS = { minConfidence: DEFAULT_MIN_CONFIDENCE, suggestions: 3 };

describe('composeReply on the shipped kb/', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(SHIPPED_KB);
  });

  it('answers with the best entry, then lists related titles, and cites them all best first', () => {
    const reply = composeReply(kb, '请问BGP协议实验ping不通怎么办?', [], OPTIONS);
    const bgp = kb.entries.find((entry) => entry.title === 'BGP实验ping不通怎么办')!;
    expect(reply.text.startsWith(`**BGP实验ping不通怎么办**\n\n${bgp.body}\n\n相关问题：`)).toBe(true);
    const related = reply.text.split('相关问题：')[1]!.split('；');
    expect(related.length).toBeGreaterThanOrEqual(1);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(reply.sources).toEqual([{ title: 'BGP实验ping不通怎么办' }, ...related.map((title) => ({ title }))]);
  });

  it('lists no related line when suggestions is 0', () => {
    const reply = composeReply(kb, '请问BGP协议实验ping不通怎么办?', [], { ...OPTIONS, suggestions: 0 });
    expect(reply.text).not.toContain('相关问题');
    expect(reply.sources).toEqual([{ title: 'BGP实验ping不通怎么办' }]);
  });

  it('says plainly it has no answer, marks the reply unmatched and lists the topics, for a question that touches nothing', () => {
    const reply = composeReply(kb, '今天食堂吃什么', [], OPTIONS);
    expect(reply).toMatchObject({ sources: [], matched: false, closest: [] });
    expect(reply.text).toContain('知识库里没有能回答这个问题的内容');
    expect(reply.text).toContain('目前知识库涵盖这些主题：连通性排查');
    expect(reply.text).not.toContain('**');
  });

  it.each(['vrrp怎么配置', 'IS-IS协议怎么配', 'telnet远程登录怎么配置', '交换机端口安全怎么配置'])(
    'does not present an entry for %s, which the course does not cover, and offers the closest ones instead',
    (question) => {
      const reply = composeReply(kb, question, [], OPTIONS);
      expect(reply.matched).toBe(false);
      expect(reply.sources).toEqual([]);
      expect(reply.closest!.length).toBeGreaterThanOrEqual(2);
      expect(reply.closest!.length).toBeLessThanOrEqual(3);
      expect(reply.text).toContain('最接近的条目：');
    },
  );

  it('offers closest entries phrased as questions that find their entry when tapped', () => {
    const reply = composeReply(kb, 'vrrp怎么配置', [], OPTIONS);
    for (const question of reply.closest!) expect(composeReply(kb, question, [], OPTIONS).matched).toBe(true);
  });

  it.each([
    ['你好', '你好！'],
    ['老师好～', '你好！'],
    ['谢谢老师！', '不客气'],
    ['好的，明白了，谢谢', '不客气'],
    ['thanks', '不客气'],
    ['再见', '再见'],
  ])('answers the small talk %s with a short friendly reply and no entry', (message, start) => {
    const reply = composeReply(kb, message, [], OPTIONS);
    expect(reply).toMatchObject({ sources: [], matched: true });
    expect(reply.best).toBeUndefined();
    expect(reply.text).toContain(start);
    expect(reply.text.length).toBeLessThan(200);
  });

  it('treats a greeting followed by a question as the question', () => {
    expect(composeReply(kb, '你好，OSPF邻居一直停留在Init状态怎么办', [], OPTIONS).best?.entry.title).toBe('OSPF邻居一直停留在Init状态');
  });

  it.each([
    ['pc平不通网关', 'PC ping不通网关怎么办'],
    ['ensp怎么用wireshak抓包', 'eNSP怎么用Wireshark抓包'],
    ['hybird口怎么配', 'hybrid端口怎么配置（untagged和tagged）'],
    ['单比路由怎么配置', '单臂路由怎么配置（子接口dot1q termination）'],
    ['缺省路由怎么配', '默认路由怎么配置'],
  ])('answers "%s", typed with a slip or a synonym, with %s', (question, title) => {
    expect(composeReply(kb, question, [], OPTIONS).best?.entry.title).toBe(title);
  });

  it('answers a one-word question that names one entry', () => {
    expect(composeReply(kb, 'gns3', [], OPTIONS).sources[0]).toEqual({ title: 'GNS3入门：镜像、Dynamips、IOU和抓包' });
    expect(composeReply(kb, 'pvid', [], OPTIONS).sources[0]?.title).toMatch(/^PVID是什么/);
  });
});

describe('composeReply on a small knowledge base', () => {
  const entry = (id: string, title: string, body: string) => ({ id, title, body, file: `${id}.md`, topic: 'lab' });
  const small = new KnowledgeBase([
    entry('a', '静态路由怎么配置', '用 ip route-static 配置静态路由。'),
    entry('b', 'VLAN怎么划分', '在交换机上用 vlan batch 创建 VLAN，再把端口加入。'),
  ]);

  it('still answers a matching question in a two-entry knowledge base', () => {
    expect(composeReply(small, 'VLAN怎么划分', [], OPTIONS).text.startsWith('**VLAN怎么划分**')).toBe(true);
  });

  it('still falls back on an unrelated question', () => {
    expect(composeReply(small, '今天食堂吃什么', [], OPTIONS).sources).toEqual([]);
  });
});

describe('preferSureRunnerUp', () => {
  const hit = (title: string, score: number, confidence: number): KbHit => ({
    entry: { id: title, title, body: '', file: 't.md', topic: 'T' },
    score,
    terms: [],
    confidence,
  });
  const titles = (hits: KbHit[]) => hits.map((h) => h.entry.title);
  const MIN = 0.45;

  it('puts a runner-up that is sure and scores nearly as well before a best entry that is unsure', () => {
    expect(titles(preferSureRunnerUp([hit('a', 10, 0.3), hit('b', 9, 0.6), hit('c', 5, 0.9)], MIN))).toEqual(['b', 'a', 'c']);
  });

  it('keeps the order when the best entry is sure, the runner-up is not, or the runner-up scores far less', () => {
    expect(titles(preferSureRunnerUp([hit('a', 10, 0.5), hit('b', 9, 0.9)], MIN))).toEqual(['a', 'b']);
    expect(titles(preferSureRunnerUp([hit('a', 10, 0.3), hit('b', 9, 0.4)], MIN))).toEqual(['a', 'b']);
    expect(titles(preferSureRunnerUp([hit('a', 10, 0.3), hit('b', 5, 0.9)], MIN))).toEqual(['a', 'b']);
    expect(titles(preferSureRunnerUp([hit('a', 10, 0.3), hit('b', 2, 0.3), hit('c', 9.5, 0.9)], MIN))).toEqual(['a', 'b', 'c']);
    expect(titles(preferSureRunnerUp([hit('a', 10, 0.3)], MIN))).toEqual(['a']);
  });
});
