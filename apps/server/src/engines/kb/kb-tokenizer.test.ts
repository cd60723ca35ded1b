import { describe, expect, it } from 'vitest';
import { isStopWord, tokenize } from './kb-tokenizer.js';

describe('tokenize', () => {
  it('keeps the subject of a question and drops its question words and punctuation', () => {
    expect(tokenize('请问BGP协议实验ping不通怎么办?')).toEqual(['bgp', '协议', '实验', 'ping', '不通']);
  });

  it('normalises full-width letters and case, so ＢＧＰ and bgp meet', () => {
    expect(tokenize('ＢＧＰ实验ＰＩＮＧ不通！')).toEqual(tokenize('bgp实验ping不通'));
  });

  it('keeps commands, numbers and addresses as terms', () => {
    expect(tokenize('display bgp peer，错误代码40，ping 0.0.0.0')).toEqual(
      expect.arrayContaining(['display', 'bgp', 'peer', '40', '0.0.0.0']),
    );
  });

  it('adds bigrams of long Chinese words, so "停留" in a question meets "停留在" in a title', () => {
    expect(tokenize('OSPF邻居一直停留在ExStart状态')).toEqual(['ospf', '邻居', '停留在', '停留', '留在', 'exstart', '状态']);
    expect(tokenize('邻居停留')).toEqual(['邻居', '停留']);
  });

  it('drops compounds made only of stop words, which the segmenter emits as one word', () => {
    expect(tokenize('BGP邻居一直是Active状态')).not.toContain('一直是');
    expect(tokenize('我的 你好 谢谢 今天食堂吃什么')).not.toEqual(expect.arrayContaining(['我的', '你好', '什么']));
    expect(tokenize('，。！？ …')).toEqual([]);
  });
});

describe('isStopWord', () => {
  it('accepts listed words and compounds of them, but not content words', () => {
    expect(isStopWord('怎么办')).toBe(true);
    expect(isStopWord('一直是')).toBe(true);
    expect(isStopWord('邻居')).toBe(false);
    expect(isStopWord('不通')).toBe(false);
    expect(isStopWord('ping')).toBe(false);
  });
});
