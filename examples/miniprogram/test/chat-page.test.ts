// The sample mini-program run from its own files — app.js, config.js, pages/chat/* — under
// miniprogram-simulate, with the SDK's mini-program build as 构建 npm leaves it, talking to a real
// mpchat server (kb engine) over real HTTP and WebSocket through a wx with WeChat's semantics.
import { describe, expect, it } from 'vitest';
import { useChatPage } from './chat-page-fixture.js';
import { ask, data, finished, lastBot, rendered, renderedTags, renderedText, shown, tap, until } from './chat-page-driver.js';
import { destroySession, receive, referenceReply } from './server-api.js';

/** The spec's example question; the kb answers it with ~900 characters in ~75 streamed pieces. */
const BGP = '请问BGP协议实验ping不通怎么办?';
const BGP_TITLE = '**BGP实验ping不通怎么办**';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const chat = useChatPage();

describe('the chat page', () => {
  it('streams the answer to the spec question into a bot message labelled AI生成, with its sources', async () => {
    const { page: p } = chat.launch();
    await ask(p, BGP);
    expect(shown(p, '.user')).toEqual([BGP]);
    const seen: string[] = [];
    await until(() => {
      const text = lastBot(p)?.text;
      if (text && text !== seen[seen.length - 1]) seen.push(text);
      return finished(p);
    });

    const bot = lastBot(p)!;
    const stored = await receive(chat.baseUrl, data(p).sessionId);
    expect(stored.data.status).toBe('completed');
    expect(bot.state).toBe('completed');
    expect(bot.text).toBe(stored.data.content);
    expect(bot.text.startsWith(BGP_TITLE)).toBe(true);
    // It grew on screen: shorter texts, each the beginning of the answer, came before the whole.
    const partial = seen.filter((t) => t !== bot.text);
    expect(partial.length).toBeGreaterThan(1);
    for (const t of partial) expect(bot.text.startsWith(t)).toBe(true);

    expect(bot.sources).toEqual(stored.data.sources!.map((s) => s.title));
    expect(bot.sources).toContain('BGP实验ping不通怎么办');
    const [botNode] = shown(p, '.bot');
    expect(botNode).toContain('参考资料');
    expect(botNode).toContain('BGP实验ping不通怎么办');
    expect(shown(p, '.ai-label')).toEqual(['AI生成']);
    expect(shown(p, '#status')).toEqual(['已连接 · WebSocket']);
  });

  it('renders the answer as Markdown, while it streams and when it is done: no literal ** or ``` fences', async () => {
    const { page: p } = chat.launch();
    await ask(p, BGP);
    const screens: string[] = [];
    await until(() => {
      const [screen] = rendered(p);
      if (screen && screen !== screens[screens.length - 1]) screens.push(screen);
      return finished(p);
    });
    expect(screens.length).toBeGreaterThan(1);
    for (const screen of screens) {
      expect(screen).not.toContain('**');
      expect(screen).not.toContain('```');
    }

    const [answer] = rendered(p);
    expect(answer!.startsWith('BGP实验ping不通怎么办')).toBe(true);
    expect(answer).toContain('display bgp peer');
    // The bold title, the numbered steps with inline commands, the fenced block — as elements.
    const tags = renderedTags(p);
    for (const tag of ['strong', 'ol', 'li', 'code', 'pre']) expect(tags).toContain(tag);
    expect(renderedText(p, 'strong')).toBe('BGP实验ping不通怎么办');
    expect(renderedText(p, 'li code')).toBe('display bgp peer');
    expect(renderedText(p, 'pre')).toMatch(/^display bgp peer\ndisplay bgp routing-table\n/);
    // The bubble shows the rendered answer, not the Markdown source.
    const [botNode] = shown(p, '.bot');
    expect(botNode).not.toContain('**');
    expect(shown(p, '.ai-label')).toEqual(['AI生成']);
  });

  it('stops a reply mid-stream: the text so far stays, marked stopped', async () => {
    const { page: p } = chat.launch();
    const full = await referenceReply(chat.baseUrl, BGP);
    await ask(p, BGP);
    await until(() => !!lastBot(p)?.text);
    // While the reply streams the bar offers 停止 instead of 发送, and the label is already there.
    expect(shown(p, '#stop')).toEqual(['停止']);
    expect(shown(p, '#send')).toEqual([]);
    expect(shown(p, '.ai-label')).toEqual(['AI生成']);
    await tap(p, '#stop');
    await until(() => finished(p));

    const bot = lastBot(p)!;
    const stored = await receive(chat.baseUrl, data(p).sessionId);
    expect(stored.data.status).toBe('stopped');
    expect(bot.state).toBe('stopped');
    expect(bot.text).toBe(stored.data.content);
    expect(bot.text.length).toBeLessThan(full.length);
    expect(full.startsWith(bot.text)).toBe(true);
    expect(shown(p, '.stopped')).toEqual(['（已停止生成）']);
    expect(shown(p, '#send')).toEqual(['发送']);
  });

  it('新对话 mid-stream clears the list, starts a new session and ends the old one on the server', async () => {
    const { page: p, app } = chat.launch();
    await until(() => UUID.test(data(p).sessionId));
    const first = data(p).sessionId;
    await ask(p, BGP);
    await until(() => !!lastBot(p)?.text);
    await tap(p, '#new-chat');

    expect(data(p).messages).toEqual([]);
    expect(shown(p, '.empty')).toHaveLength(1);
    await until(() => UUID.test(data(p).sessionId));
    expect(data(p).sessionId).not.toBe(first);
    expect(data(p).sessionId).toBe(app.chat.sessionId);
    expect(shown(p, '#session')).toEqual([`会话 ${data(p).sessionId}`]);
    await until(async () => (await receive(chat.baseUrl, first)).error === 'SESSION_CLOSED');
    // The old reply never comes back onto the cleared page.
    expect(data(p).messages).toEqual([]);
    expect(data(p).streaming).toBe(false);

    await ask(p, BGP);
    await until(() => finished(p));
    expect(lastBot(p)!.text).toBe((await receive(chat.baseUrl, data(p).sessionId)).data.content);
  });

  it("shows the server's refusal as the SDK's ChatError: a hint, the message and the code", async () => {
    const { page: p } = chat.launch();
    await ask(p, '长'.repeat(2001));
    await until(() => finished(p));

    const bot = lastBot(p)!;
    const message = '[wx-sdk] invalid body: content: must be at most 2000 characters (INVALID_ARGUMENT)';
    expect(bot.state).toBe('error');
    expect(bot.error).toEqual({ hint: expect.stringContaining('太长'), message, code: 'INVALID_ARGUMENT' });
    const [botNode] = shown(p, '.bot');
    expect(botNode).toContain(bot.error!.hint);
    expect(botNode).toContain(message);
    expect(shown(p, '#send')).toEqual(['发送']);
  });

  it('moves to a new session when the server has ended the conversation (expired), and says so', async () => {
    const { page: p, app } = chat.launch();
    await ask(p, BGP);
    await until(() => finished(p));
    const first = data(p).sessionId;
    await destroySession(chat.baseUrl, first);
    await until(() => shown(p, '#status')[0] === '会话已结束 · WebSocket');

    await ask(p, '还在吗?');
    await until(() => finished(p));
    expect(lastBot(p)!.error).toMatchObject({ code: 'SESSION_CLOSED', hint: expect.stringContaining('请重新发送') });
    await until(() => UUID.test(data(p).sessionId) && data(p).sessionId !== first);
    expect(app.chat.sessionId).toBe(data(p).sessionId);
    // The conversation so far stays on screen; the next question goes to the new session.
    expect(data(p).messages).toHaveLength(4);
    await ask(p, BGP);
    await until(() => finished(p));
    expect(lastBot(p)!.text).toBe((await receive(chat.baseUrl, data(p).sessionId)).data.content);
  });
});

describe('the chat page with content moderation', () => {
  it('marks a message the server refused, shows its Chinese reason, and gives the text back to edit', async () => {
    const { page: p } = chat.launch();
    await ask(p, '这里有违 禁 词吗');
    await until(() => finished(p));
    const messages = data(p).messages;
    expect(messages.map((m) => m.role)).toEqual(['user']);
    expect(messages[0]).toMatchObject({ state: 'rejected', error: { code: 'CONTENT_REJECTED', hint: '消息中含有不适宜的内容，请修改后再发送。' } });
    expect(shown(p, '.rejected')[0]).toContain('消息中含有不适宜的内容');
    expect(data(p).input).toBe('这里有违 禁 词吗');
  });

  it('replaces a reply blocked mid-stream with the canned reply, marked, and never shows the listed term', async () => {
    const { page: p } = chat.launch();
    await ask(p, '配置NAT后内网ping不通外网怎么办');
    const seen: string[] = [];
    await until(() => {
      const text = lastBot(p)?.text;
      if (text) seen.push(text);
      return finished(p);
    });
    for (const text of seen) expect(text.toLowerCase()).not.toContain('nat session');
    const bot = lastBot(p)!;
    expect(bot).toMatchObject({ state: 'blocked', text: '抱歉，这个问题我暂时无法回答。' });
    expect(shown(p, '.blocked')).toEqual(['（回答未通过内容安全检查，已替换）']);
    expect((await receive(chat.baseUrl, data(p).sessionId)).data.status).toBe('blocked');
  });
});
