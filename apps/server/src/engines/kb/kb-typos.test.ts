import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb-index.js';
import type { KbEntry } from './kb-parser.js';

const entry = (n: number, title: string, body: string): KbEntry => ({ id: `t.md#${n}`, title, body, file: 't.md', topic: 'T' });
const kb = KnowledgeBase.build([
  entry(1, 'ping不通的排查思路', '先查本机地址，再查网关，最后逐跳查路由。'),
  entry(2, '静态路由怎么配置', '`ip route-static 10.0.0.0 8 10.1.1.2` 配置一条静态路由。'),
]);

describe('sound-alike repair', () => {
  it('repairs a slip that is a word of its own', () => {
    expect(kb.queryTerms('静太路由怎么配')).toContain('静态路由');
  });

  it('does not take the tail of one word and the head of the next for a slip (但是|路由 holds no 思路)', () => {
    expect(kb.queryTerms('但是路由下一跳不可达')).not.toContain('思路');
    expect(kb.queryTerms('但是路由下一跳不可达')).toContain('路由');
  });
});
