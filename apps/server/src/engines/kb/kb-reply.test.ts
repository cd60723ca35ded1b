import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb-index.js';
import { composeReply } from './kb-reply.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);
const OPTIONS = { minScore: 55, suggestions: 3 };

describe('composeReply on the shipped kb/', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(SHIPPED_KB);
  });

  it('answers with the best entry, then lists related titles, and cites them all best first', () => {
    const reply = composeReply(kb, '请问BGP协议实验ping不通怎么办?', OPTIONS);
    const bgp = kb.entries.find((entry) => entry.title === 'BGP实验ping不通怎么办')!;
    expect(reply.text.startsWith(`**BGP实验ping不通怎么办**\n\n${bgp.body}\n\n相关问题：`)).toBe(true);
    const related = reply.text.split('相关问题：')[1]!.split('；');
    expect(related.length).toBeGreaterThanOrEqual(1);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(reply.sources).toEqual([{ title: 'BGP实验ping不通怎么办' }, ...related.map((title) => ({ title }))]);
  });

  it('lists no related line when suggestions is 0', () => {
    const reply = composeReply(kb, '请问BGP协议实验ping不通怎么办?', { ...OPTIONS, suggestions: 0 });
    expect(reply.text).not.toContain('相关问题');
    expect(reply.sources).toEqual([{ title: 'BGP实验ping不通怎么办' }]);
  });

  it('falls back to the topic list for a question the knowledge base does not touch', () => {
    const reply = composeReply(kb, '今天食堂吃什么', OPTIONS);
    expect(reply.sources).toEqual([]);
    expect(reply.text).toContain('知识库里没有找到');
    expect(reply.text).toContain('换个说法');
    expect(reply.text).toContain('目前知识库涵盖这些主题：连通性排查');
    expect(reply.text).not.toContain('**');
  });

  it('falls back with partly matching titles when a one-word question fits many entries', () => {
    const reply = composeReply(kb, 'OSPF', OPTIONS);
    expect(reply.sources).toEqual([]);
    const listed = reply.text.split('可能相关的条目：')[1]?.split('；') ?? [];
    expect(listed).toHaveLength(3);
    for (const title of listed) expect(title).toMatch(/^OSPF/);
  });

  it('answers a short question below minScore when it names exactly one entry', () => {
    expect(composeReply(kb, 'gns3', OPTIONS).sources[0]).toEqual({ title: 'GNS3入门：镜像、Dynamips、IOU和抓包' });
    expect(composeReply(kb, 'pvid', OPTIONS).sources[0]?.title).toMatch(/^PVID是什么/);
  });

  it('does not offer a title that matched only in its body', () => {
    // "电脑蓝屏" matches a word in the eNSP error-40 body, but no title.
    const reply = composeReply(kb, '电脑蓝屏了怎么办', OPTIONS);
    expect(reply.text).not.toContain('可能相关的条目');
    expect(reply.text).toContain('目前知识库涵盖这些主题');
  });
});

describe('composeReply on a small knowledge base', () => {
  const entry = (id: string, title: string, body: string) => ({ id, title, body, file: `${id}.md`, topic: 'lab' });
  const small = new KnowledgeBase([
    entry('a', '静态路由怎么配置', '用 ip route-static 配置静态路由。'),
    entry('b', 'VLAN怎么划分', '在交换机上用 vlan batch 创建 VLAN，再把端口加入。'),
  ]);

  it('still answers a matching question: the threshold scales with the size of the knowledge base', () => {
    expect(composeReply(small, 'VLAN怎么划分', OPTIONS).text.startsWith('**VLAN怎么划分**')).toBe(true);
  });

  it('still falls back on an unrelated question', () => {
    expect(composeReply(small, '今天食堂吃什么', OPTIONS).sources).toEqual([]);
  });
});
