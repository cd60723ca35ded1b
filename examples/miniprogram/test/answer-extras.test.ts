// What comes with the answers on the chat page, compiled with the official WXML compiler and run
// under miniprogram-simulate against the real server: the welcome and its starters on an empty
// chat, follow-up chips that send, 👍/👎 that the teachers' export returns, a teacher's later reply.
import { describe, expect, inject, it } from 'vitest';
import { useChatPage } from './chat-page-fixture.js';
import { ask, data, finished, lastBot, rendered, shown, tap, until } from './chat-page-driver.js';
import { answerAsTeacher, exportedFeedback, receive } from './server-api.js';

const chat = useChatPage();

describe('the chat page: welcome, suggestions and feedback', () => {
  it('greets with the knowledge base’s welcome; a starter sends its question and the answer renders as Markdown', async () => {
    const { page: p } = chat.launch();
    await until(() => data(p).starters.length > 0);
    expect(shown(p, '#greeting')[0]).toContain('网络实验助教');
    // The greeting's **bold** is rendered, not shown as asterisks.
    expect(shown(p, '#greeting')[0]).not.toContain('**');
    expect(shown(p, '.starter')).toEqual(['BGP实验ping不通怎么办？', 'OSPF邻居一直停留在Init状态怎么办？', '静态路由怎么配置？']);

    await tap(p, '.starter');
    await until(() => finished(p) && lastBot(p)?.state === 'completed');
    expect(shown(p, '.user')).toEqual(['BGP实验ping不通怎么办？']);
    expect(shown(p, '#welcome')).toEqual([]);
    const [answer] = rendered(p);
    expect(answer!.startsWith('BGP实验ping不通怎么办')).toBe(true);
    expect(answer).not.toContain('**');
  });

  it('shows the follow-up suggestions as chips under the answer; tapping one sends it', async () => {
    const { page: p } = chat.launch();
    await until(() => data(p).starters.length > 0);
    await tap(p, '.starter');
    await until(() => finished(p) && lastBot(p)?.state === 'completed');
    const stored = await receive(chat.baseUrl, data(p).sessionId);
    const chips = shown(p, '.suggestion');
    expect(chips.length).toBeGreaterThan(0);
    expect(chips).toEqual((stored.data as { suggestions?: string[] }).suggestions);

    await tap(p, '.suggestion');
    await until(() => finished(p) && data(p).messages.length === 4 && lastBot(p)?.state === 'completed');
    expect(shown(p, '.user')[1]).toBe(chips[0]);
    // The answer to a suggestion is a knowledge-base entry, rendered (its title in bold, no asterisks).
    expect(rendered(p)[1]).not.toContain('**');
    expect(lastBot(p)!.sources.length).toBeGreaterThan(0);
  });

  it('👍/👎 under an answer reach the teachers’ export with the question and answer; tapping the other replaces it', async () => {
    const { page: p } = chat.launch();
    await until(() => data(p).starters.length > 0);
    await tap(p, '.starter');
    await until(() => finished(p) && lastBot(p)?.seq === 1);
    const sessionId = data(p).sessionId;

    await tap(p, '.rate.up');
    await until(() => lastBot(p)!.rating === 'up');
    let rows = await exportedFeedback(chat.baseUrl, inject('adminToken'), sessionId);
    expect(rows).toMatchObject([{ seq: 1, rating: 'up', question: 'BGP实验ping不通怎么办？', answer: lastBot(p)!.text }]);

    await tap(p, '.rate.down');
    await until(() => lastBot(p)!.rating === 'down');
    rows = await exportedFeedback(chat.baseUrl, inject('adminToken'), sessionId);
    expect(rows).toMatchObject([{ seq: 1, rating: 'down' }]);
    expect(p.querySelector('.rate.down')!.dom!.className).toContain('chosen');
  });

  it("shows a teacher's later answer to a question the assistant could not answer as a new message marked 老师回复", async () => {
    const { page: p } = chat.launch();
    await until(() => data(p).starters.length > 0);
    await ask(p, '实验室的打印机怎么连');
    await until(() => finished(p) && lastBot(p)?.state === 'completed');
    expect(shown(p, '.ai-label')).toEqual(['AI生成']);
    const delivered = await answerAsTeacher(chat.baseUrl, inject('adminToken'), data(p).sessionId, { title: '实验室打印机怎么连接', body: '添加网络打印机 **10.0.0.9** 即可。' });
    expect(delivered).toBe(1);
    await until(() => data(p).messages.length === 3);
    expect(lastBot(p)).toMatchObject({ role: 'bot', state: 'completed', seq: 2, text: '添加网络打印机 **10.0.0.9** 即可。' });
    expect(shown(p, '.ai-label')).toEqual(['AI生成', '老师回复']);
    expect(rendered(p)[1]).toBe('添加网络打印机 10.0.0.9 即可。');
  });
});
