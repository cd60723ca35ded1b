import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb-index.js';
import type { KbEntry } from './kb-loader.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);

// Questions as students type them, each with the entry that answers it.
const QUESTIONS: [question: string, title: string][] = [
  ['请问BGP协议实验ping不通怎么办?', 'BGP实验ping不通怎么办'],
  ['OSPF邻居一直卡在ExStart是什么原因', 'OSPF邻居一直停留在ExStart或Exchange状态'],
  ['ospf邻居建立不起来', 'OSPF邻居建立不起来怎么排查'],
  ['两台交换机上同一个vlan的电脑ping不通', '同VLAN跨交换机ping不通：trunk口和allow-pass vlan'],
  ['交换机之间的trunk要放行哪些vlan', '同VLAN跨交换机ping不通：trunk口和allow-pass vlan'],
  ['acl用在接口的哪个方向', 'ACL应用在接口上inbound和outbound方向怎么选'],
  ['ACL应该应用在inbound还是outbound', 'ACL应用在接口上inbound和outbound方向怎么选'],
  ['配置了nat以后内网电脑ping不通外网', '配置NAT后内网ping不通外网怎么办'],
  ['电脑获取不到DHCP分配的地址', 'PC获取不到DHCP地址怎么办'],
  ['怎么指定STP的根桥', 'STP根桥怎么选，怎么指定根桥'],
  ['eNSP设备启动不了，提示错误代码40', 'eNSP设备启动失败，提示错误代码40'],
  ['eNSP里AR启动不了一直是井号', 'eNSP的AR路由器一直显示#号，启动不了'],
  ['RIP路由学不到', 'RIP学不到路由怎么办'],
  ['默认路由怎么写', '默认路由怎么配置'],
  ['静态路由只配了去程没有回程', '配了静态路由还是ping不通：回程路由'],
  ['tracert结果里显示星号是什么意思', 'tracert和traceroute怎么用，结果里的星号是什么意思'],
  ['traceroute怎么用', 'tracert和traceroute怎么用，结果里的星号是什么意思'],
  ['bgp邻居一直是active状态', 'BGP邻居一直停在Active或Connect状态'],
  ['邻居建立不起来', 'OSPF邻居建立不起来怎么排查'],
];

describe('KnowledgeBase on the shipped kb/', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(SHIPPED_KB);
  });

  it.each(QUESTIONS)('%s → %s', (question, title) => {
    expect(kb.search(question, 3)[0]?.entry.title).toBe(title);
  });

  it('returns hits best first, at most `limit`, with the query terms each matched', () => {
    const hits = kb.search('OSPF邻居建立不起来', 4);
    expect(hits).toHaveLength(4);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    expect(hits[0]!.terms).toEqual(expect.arrayContaining(['ospf', '邻居', '建立']));
  });

  it('finds nothing for a question that shares no word with the knowledge base', () => {
    expect(kb.search('今天食堂吃什么', 5)).toEqual([]);
    expect(kb.search('', 5)).toEqual([]);
  });

  it('lists its size and topics in file order', () => {
    expect(kb.size).toBe(kb.entries.length);
    expect(kb.topics[0]).toBe('连通性排查：ping、tracert、ARP 与网关');
    expect(kb.topics).toContain('BGP 路由协议');
  });
});

describe('KnowledgeBase ranking', () => {
  const entry = (n: number, title: string, body: string): KbEntry => ({ id: `t.md#${n}`, title, body, file: 't.md', topic: 'T' });

  it('ranks a title match above the same word buried in a body', () => {
    const kb = new KnowledgeBase([
      entry(1, '交换机环路怎么排查', '查看 MAC 漂移和端口流量'),
      entry(2, '链路聚合怎么配置', '配置链路聚合时要避免环路，成员口速率一致'),
      entry(3, 'VLAN怎么创建', 'vlan batch 10'),
    ]);
    expect(kb.search('环路', 3).map((hit) => hit.entry.title)).toEqual(['交换机环路怎么排查', '链路聚合怎么配置']);
  });

  it('matches a question to a title through shared bigrams when the words differ', () => {
    const kb = new KnowledgeBase([
      entry(1, '邻居一直停留在Init状态', '单向通信'),
      entry(2, '邻居建立失败', '检查区域'),
    ]);
    expect(kb.search('为什么停留', 2)[0]?.entry.title).toBe('邻居一直停留在Init状态');
  });

  it('a rebuild reuses the unchanged entries and still sees every edit: a body, a new command, the synonyms', () => {
    const entries = [
      entry(1, '交换机环路怎么排查', '查看 MAC 漂移和端口流量'),
      entry(2, '链路聚合怎么配置', '成员口速率要一致'),
      entry(3, 'VLAN怎么创建', '用 `vlan batch` 一次建多个'),
    ];
    const titles = (kb: KnowledgeBase, question: string) => kb.search(question, 3).map((hit) => hit.entry.title);
    const before = new KnowledgeBase(entries);
    expect(titles(before, '广播风暴')).toEqual([]);

    // The same body text in another entry, and a word only the edit brings.
    const edited = entries.map((e) => (e.id === 't.md#1' ? { ...e, body: `${e.body}，出现广播风暴时先拔掉环路上的线` } : e));
    const after = new KnowledgeBase(edited);
    expect(titles(after, '广播风暴')).toEqual(['交换机环路怎么排查']);
    expect(titles(after, '成员口速率')).toEqual(['链路聚合怎么配置']);
    expect(titles(before, '广播风暴')).toEqual([]);

    // A command in inline code becomes a domain term: the whole knowledge base is analysed under it.
    const withCommand = edited.map((e) => (e.id === 't.md#2' ? { ...e, body: `${e.body}，用 \`eth-trunk-mode-lacp\` 切换模式` } : e));
    expect(new KnowledgeBase(withCommand).analyze('eth-trunk-mode-lacp 怎么用')[0]).toBe('eth-trunk-mode-lacp');

    // An edited synonyms file reaches entries whose text did not change.
    expect(titles(new KnowledgeBase(withCommand, { synonyms: '环路 回路' }), '回路')).toEqual(['交换机环路怎么排查']);
    expect(titles(new KnowledgeBase(withCommand), '回路')).toEqual([]);
  });

  it('weighs the words of a question naming a protocol by what tells that protocol\'s entries apart', () => {
    // 邻居 is in every RIP entry and no other; 配置 is in most other entries but in two RIP ones. Over
    // the whole knowledge base the timeout entry holds the question's rarer words in its title and
    // repeats them in its body; among RIP entries 配置 is what tells them apart.
    const kb = new KnowledgeBase([
      entry(1, 'RIP邻居状态说明', 'RIP 邻居 有 几种 状态，邻居 表 里 可以 看到 每个 邻居'),
      entry(2, 'RIP邻居怎么配置（版本）', '先 启用 rip 进程，再 宣告 网段，邻居 会 自动 发现，两端 版本 要 一致'),
      entry(3, 'RIP邻居超时', 'RIP 邻居 超过 180 秒 没有 更新 就 删除 邻居，检查 两端 配置'),
      entry(4, 'RIP邻居认证失败', '两端 RIP 邻居 的 密码 要 一致'),
      entry(5, 'VLAN配置', 'vlan batch 10 20 配置 端口'),
      entry(6, 'ACL配置', 'acl 3000 配置 规则'),
      entry(7, 'NAT配置', 'nat outbound 配置 地址池'),
      entry(8, 'DHCP配置', 'dhcp enable 配置 地址池'),
    ]);
    expect(kb.search('rip邻居怎么配置', 3)[0]?.entry.title).toBe('RIP邻居怎么配置（版本）');
  });
});
