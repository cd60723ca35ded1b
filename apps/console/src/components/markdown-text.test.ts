import { describe, expect, it } from 'vitest';
import { markdownText } from './markdown-text.js';

describe('an answer as one line of text', () => {
  it('keeps the words and drops the marks', () => {
    expect(markdownText('**单臂路由怎么配置**\n\n1. 创建子接口\n2. `dot1q termination vid 10`')).toBe('单臂路由怎么配置 创建子接口 dot1q termination vid 10');
  });

  it('shows the characters the renderer escaped as they are', () => {
    expect(markdownText('ping 不通 & 丢包 <50%')).toBe('ping 不通 & 丢包 <50%');
  });
});
