import { describe, expect, it } from 'vitest';
import { KnowledgeBase, resolveQuestion, type KbHit } from '../kb/index.js';
import { suggestFollowUps } from '../kb/kb-suggestions.js';
import { groundedMessages, historyMessages, systemPromptWith } from './chat-messages.js';

const hit = (title: string, body: string): KbHit => ({ entry: { id: title, title, body, file: 'x.md', topic: '主题' }, score: 1, terms: [], confidence: 1 });

describe('systemPromptWith', () => {
  it('puts the sections where {{knowledge}} stands, titled and delimited', () => {
    const prompt = systemPromptWith('规则\n\n{{knowledge}}\n\n结尾', [hit('标题"一"', '正文一\n'), hit('标题二', '正文二')]);
    expect(prompt).toBe('规则\n\n<section title="标题&quot;一&quot;" topic="主题">\n正文一\n</section>\n\n<section title="标题二" topic="主题">\n正文二\n</section>\n\n结尾');
  });

  it('appends the sections to a prompt without the placeholder, and says so when there are none', () => {
    expect(systemPromptWith('规则\n', [hit('A', 'a')])).toBe('规则\n\n<section title="A" topic="主题">\na\n</section>');
    expect(systemPromptWith('规则', [])).toBe('规则\n\n（知识库中没有找到与这个问题相关的条目。）');
    expect(systemPromptWith('规则 {{knowledge}}', [], false)).toBe('规则');
  });
});

describe('historyMessages', () => {
  it('keeps whole turns, newest first, within the budget, and sends them oldest first', () => {
    const history = [
      { user: 'u3', assistant: 'a3' },
      { user: 'u2', assistant: 'a2' },
      { user: 'u1', assistant: 'a1' },
    ];
    expect(historyMessages(history, 8).map((m) => m.content)).toEqual(['u2', 'a2', 'u3', 'a3']);
    expect(historyMessages(history, 7).map((m) => m.content)).toEqual(['u3', 'a3']);
    expect(historyMessages(history, 3)).toEqual([]);
  });

  it('stops at the first turn that does not fit rather than skipping to an older one', () => {
    const history = [
      { user: 'new', assistant: 'x' },
      { user: 'long'.repeat(10), assistant: 'y' },
      { user: 'o', assistant: 'z' },
    ];
    expect(historyMessages(history, 10).map((m) => m.content)).toEqual(['new', 'x']);
  });
});

describe('groundedMessages on the shipped knowledge base', () => {
  it('grounds the spec question in the BGP section and lists it first among the sources', async () => {
    const kb = await KnowledgeBase.load(new URL('../../../kb/', import.meta.url));
    const { messages, sources } = groundedMessages(kb, '请问BGP协议实验ping不通怎么办?', [], { systemPrompt: 'P {{knowledge}}', topK: 2, historyChars: 100 });
    expect(sources).toHaveLength(2);
    expect(sources[0]).toEqual({ title: 'BGP实验ping不通怎么办' });
    expect(messages).toHaveLength(2);
    expect(messages[0]!.content).toContain('<section title="BGP实验ping不通怎么办" topic="BGP 路由协议">');
    const none = groundedMessages(kb, '请问BGP协议实验ping不通怎么办?', [], { systemPrompt: 'P', topK: 0, historyChars: 0 });
    expect(none).toEqual({ messages: [{ role: 'system', content: 'P' }, { role: 'user', content: '请问BGP协议实验ping不通怎么办?' }], sources: [] });
  });

  it('searches a question once: its best sections and its own search for the suggestions are what separate searches find', async () => {
    const kb = await KnowledgeBase.load(new URL('../../../kb/', import.meta.url));
    const titled = kb.entries.filter((_, i) => i % 3 === 0).map((entry) => entry.title);
    const questions = [...titled, '请问BGP协议实验ping不通怎么办?', 'ospf 邻居起不来', 'vlan和trunk有什么区别', '今天天气怎么样'];
    const options = { systemPrompt: 'P {{knowledge}}', topK: 4, historyChars: 100 };
    const ids = (hits: readonly KbHit[]) => hits.map((h) => [h.entry.id, h.score]);
    for (const question of questions) {
      const grounded = groundedMessages(kb, question, [], options);
      const alone = kb.searchTerms(resolveQuestion(kb, question, []).terms, options.topK);
      expect(grounded.sources).toEqual([...new Set(alone.map((h) => h.entry.title))].map((title) => ({ title })));
      expect(ids(grounded.questionHits!)).toEqual(ids(kb.search(question, 10)));
      const { sources, questionHits } = grounded;
      expect(suggestFollowUps(kb, { question, sources, questionHits })).toEqual(suggestFollowUps(kb, { question, sources }));
    }
  });

  it('a follow-up is grounded in the question filled in from the previous one, and leaves the suggestions their own search', async () => {
    const kb = await KnowledgeBase.load(new URL('../../../kb/', import.meta.url));
    const history = [{ user: 'OSPF认证怎么配置', assistant: '…' }];
    const grounded = groundedMessages(kb, '那RIP呢', history, { systemPrompt: 'P', topK: 3, historyChars: 100 });
    expect(grounded.questionHits).toBeUndefined();
    const alone = kb.searchTerms(resolveQuestion(kb, '那RIP呢', history).terms, 3);
    expect(grounded.sources).toEqual([...new Set(alone.map((h) => h.entry.title))].map((title) => ({ title })));
    expect(grounded.sources[0]!.title).toMatch(/RIP/);
  });
});
