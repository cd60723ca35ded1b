import { describe, expect, it } from 'vitest';
import { normalizeText, PhraseMatcher } from './kb-phrase-matcher.js';

/** What normalizeText is defined as, written the slow, obvious way. */
const reference = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');

describe('normalizeText', () => {
  it('collapses every kind of whitespace a regular expression calls \\s, and nothing else, as the obvious definition does', () => {
    const differ: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      for (const text of [`a${char}b`, `${char}${char} x${char}`, `路由 ${char}\n器`]) if (normalizeText(text) !== reference(text)) differ.push(code);
    }
    expect(differ).toEqual([]);
  });

  it('keeps single spaces, turns runs and line breaks into one space, and folds case and width', () => {
    const text = 'ＯＳＰＦ 邻居\r\n\n  Display  BGP\tpeer\u3000状态 ';
    expect(normalizeText(text)).toBe('ospf 邻居 display bgp peer 状态 ');
    expect(normalizeText(text)).toBe(reference(text));
    expect(normalizeText('no change here')).toBe('no change here');
  });
});

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher(['静态路由', '静态', 'ip-route-static', 'rip', '根桥']);

  it('finds the longest phrase starting at a position, Chinese anywhere', () => {
    expect(matcher.longestAt('配置静态路由吧', 2)).toBe('静态路由');
    expect(matcher.longestAt('配置静态吧', 2)).toBe('静态');
    expect(matcher.longestAt('配置静态路由吧', 1)).toBeUndefined();
    expect(matcher.longestAt('指定根桥', 2)).toBe('根桥');
  });

  it('reads a space between Latin words as a hyphen, and matches Latin phrases only on word boundaries', () => {
    expect(matcher.longestAt('用 ip route-static 配', 2)).toBe('ip-route-static');
    expect(matcher.longestAt('ip route static', 0)).toBe('ip-route-static');
    expect(matcher.longestAt('ripv2', 0)).toBeUndefined();
    expect(matcher.longestAt('trip', 1)).toBeUndefined();
    expect(matcher.longestAt('rip协议', 0)).toBe('rip');
    expect(matcher.longestAt('ip routes', 0)).toBeUndefined();
  });

  it('tells where the next phrase may start, and the end of the text when none can', () => {
    expect(matcher.nextStart('我们配置静态路由', 0)).toBe(4);
    expect(matcher.nextStart('我们配置', 0)).toBe(4);
    expect(matcher.nextStart('a rip', 1)).toBe(2);
    expect(matcher.longestAt('abc', 3)).toBeUndefined();
  });
});
