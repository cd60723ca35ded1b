import { describe, expect, it } from 'vitest';
import { chitChat } from './kb-chitchat.js';

describe('chitChat', () => {
  it.each([
    ['你好', 'greeting'],
    ['老师好！', 'greeting'],
    ['在吗?', 'greeting'],
    ['Hello 👋', 'greeting'],
    ['谢谢老师', 'thanks'],
    ['好的，谢谢啦', 'thanks'],
    ['Thank you!', 'thanks'],
    ['谢谢，再见', 'bye'],
    ['你是谁', 'identity'],
  ])('%s is small talk (%s)', (message, kind) => {
    expect(chitChat(message)).toBe(kind);
  });

  it.each(['你好，OSPF邻居起不来', '谢谢，那RIP呢', 'vlan', '好的路由器怎么选', ''])('%s is not small talk', (message) => {
    expect(chitChat(message)).toBeUndefined();
  });
});
