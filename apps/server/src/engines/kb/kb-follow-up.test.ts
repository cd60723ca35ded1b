import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CONFIDENCE } from './kb-engine.js';
import { KnowledgeBase } from './kb-index.js';
import { composeReply } from './kb-reply.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);
const OPTIONS = { minConfidence: DEFAULT_MIN_CONFIDENCE, suggestions: 3 };

describe('follow-ups on the shipped kb/', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(SHIPPED_KB);
  });
  const after = (previous: string, question: string) =>
    composeReply(kb, question, [{ user: previous, assistant: composeReply(kb, previous, [], OPTIONS).text }], OPTIONS).best?.entry.title;

  it.each([
    ['OSPF认证怎么配置', '那RIP呢', 'RIP认证怎么配置'],
    ['RIP认证怎么配', 'ospf呢', 'OSPF认证怎么配置（区域认证和接口认证）'],
    ['BGP邻居一直是Idle', '那Active呢', 'BGP邻居一直停在Active或Connect状态'],
    ['静态路由怎么配置', '默认路由呢', '默认路由怎么配置'],
    ['RIP怎么配', '怎么引入静态路由', 'RIP引入直连、静态路由和下发默认路由'],
  ])('after "%s", "%s" lands on %s', (previous, question, title) => {
    expect(after(previous, question)).toBe(title);
  });

  it('swaps the named thing rather than adding to it: the previous name and its parts are dropped', () => {
    expect(after('easy ip怎么配置', '那动态nat呢')).toBe('动态NAT怎么配置（nat address-group地址池）');
  });

  it('swaps only the subject of the previous question: the other name of its kind stays (RIP → OSPF, 默认路由 kept)', () => {
    expect(after('RIP怎么发布默认路由', '那OSPF呢')).toBe('OSPF发布默认路由和引入外部路由');
  });

  it('swaps one way of routing between VLANs for another (单臂路由 → 三层交换机), both named by the glossary', () => {
    expect(after('单臂路由怎么配置', '换成三层交换机呢')).toBe('不同VLAN之间怎么通信：VLANIF三层交换');
    expect(after('三层交换机上vlan间路由怎么配', '那单臂路由呢')).toBe('单臂路由怎么配置（子接口dot1q termination）');
  });

  it('keeps the previous topic for a question with no words of its own ("为什么?")', () => {
    expect(after('RIP为什么要关闭自动汇总', '为什么?')).toBe('RIPv1和RIPv2的区别，为什么要关闭自动汇总');
    expect(after('OSPF邻居停在2-Way', '为啥')).toBe('OSPF邻居停留在2-Way状态正常吗（DR/BDR）');
  });

  it('lets the previous question break a near tie between two entries the new one fits alike', () => {
    expect(after('RIP怎么配', '怎么引入静态路由')).toBe('RIP引入直连、静态路由和下发默认路由');
    expect(composeReply(kb, '怎么引入静态路由', [], OPTIONS).best?.entry.title).not.toBe('RIP引入直连、静态路由和下发默认路由');
  });

  it('answers a bare name as it stands, whatever came before', () => {
    for (const name of ['OSPF', 'RIP', '静态路由', 'VLAN', 'DHCP']) {
      expect(after('请问BGP协议实验ping不通怎么办?', name), name).toBe(composeReply(kb, name, [], OPTIONS).best?.entry.title);
    }
  });

  it('answers a question that stands on its own as it is, whatever came before', () => {
    expect(after('BGP实验ping不通怎么办', 'VLAN怎么创建')).toBe('VLAN怎么创建，端口怎么加入VLAN（access）');
  });

});

describe('entity agreement on the shipped kb/', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(SHIPPED_KB);
  });

  it('never puts a RIP entry first for an OSPF question, even when the RIP entry shares more words', () => {
    for (const question of ['ospf怎么下发默认路由', 'ospf认证的密码怎么配', 'ospf学不到路由']) {
      expect(kb.search(question, 1)[0]!.entry.title).toMatch(/^OSPF/);
    }
  });

  it('ranks the entry naming the asked state above its neighbours (Init, not ExStart)', () => {
    expect(kb.search('ospf邻居卡在init', 1)[0]!.entry.title).toBe('OSPF邻居一直停留在Init状态');
    expect(kb.search('ospf卡在exstart', 1)[0]!.entry.title).toBe('OSPF邻居一直停留在ExStart或Exchange状态');
  });

  it('has low confidence when the question names a protocol no entry covers', () => {
    expect(kb.search('VRRP的优先级怎么配置', 1)[0]!.confidence).toBeLessThan(DEFAULT_MIN_CONFIDENCE);
    expect(kb.search('OSPF的优先级怎么配置', 1)[0]!.confidence).toBeGreaterThanOrEqual(DEFAULT_MIN_CONFIDENCE);
  });
});
