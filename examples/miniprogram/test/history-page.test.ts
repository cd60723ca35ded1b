// The sample's 历史对话 page (pages/history) under miniprogram-simulate, with the SDK's mini-program
// build, against a real server with AUTH=wx-login (wx.login → the fake WeChat API) that keeps
// closed conversations: the list, a conversation opened read-only, 继续这个对话 back on the chat
// page, 清除我的记录 behind its confirm dialog; and the page on a server without identities.
import { WxShim } from '@mpchat/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildNpm } from './build-npm.js';
import { ask, data, finished, rendered, shown, tap, until, type ChatPage } from './chat-page-driver.js';
import { launchApp, openPage, ROOT, useWx, type ChatApp } from './mini-program.js';

const BGP = '请问BGP协议实验ping不通怎么办?';
const OSPF = 'OSPF 的区域怎么划分？';
let undoBuildNpm: (() => void) | undefined;
const codes = new Map<string, number>();
let launched: { app: ChatApp; pages: ChatPage[] } | undefined;

/** What the pages asked WeChat for: navigation, and the confirm dialogs (answered with `confirmNext`). */
const asked = { navigations: [] as string[], modals: [] as { title: string; content: string }[], confirmNext: true };
const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

beforeAll(() => {
  undoBuildNpm = buildNpm(['@mpchat/wx-sdk'], ROOT);
});
afterAll(() => undoBuildNpm?.());
afterEach(async () => {
  const current = launched;
  launched = undefined;
  if (!current) return;
  for (const p of current.pages) p.detach();
  current.app.unbindChat?.();
  await current.app.chat.destroy().catch(() => undefined);
});

/**
 * Cold start as `user` (one of the global setup's loginUsers) on the AUTH=wx-login server, or
 * without a user on the shared AUTH=none server; on the chat page.
 */
function launch(user?: string) {
  const shim = new WxShim();
  shim.loginCode = () => {
    const n = (codes.get(user!) ?? 0) + 1;
    codes.set(user!, n);
    return `${user}-${n}`;
  };
  useWx(shim);
  Object.assign(wx, {
    navigateTo: (o: { url: string }) => asked.navigations.push(`to ${o.url}`),
    navigateBack: () => asked.navigations.push('back'),
    showModal: (o: { title: string; content: string; success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
      asked.modals.push({ title: o.title, content: o.content });
      setTimeout(() => o.success?.({ confirm: asked.confirmNext, cancel: !asked.confirmNext }), 0);
    },
  });
  asked.navigations = [];
  asked.modals = [];
  const app = user ? launchApp(inject('authUrl'), 'wx-login') : launchApp(inject('baseUrl'));
  const chat = openPage('pages/chat/chat');
  launched = { app, pages: [chat] };
  return { app, chat, shim, openHistory: () => (launched!.pages.push(openPage('pages/history/history')), launched!.pages.at(-1)!) };
}

/** The page is back on screen (navigateBack): j-component has the call, miniprogram-simulate's typings lack it. */
const showAgain = (p: ChatPage) => (p as unknown as { triggerPageLifeTime(name: 'show'): void }).triggerPageLifeTime('show');

async function askAndWait(p: ChatPage, text: string) {
  await ask(p, text);
  await until(() => finished(p) && data(p).messages.length > 0);
}

const historyData = (p: ChatPage) =>
  p.data as { sessions: { sessionId: string; title: string }[]; viewing: { session: { sessionId: string } } | null; notice: { hint: string } | null; cleared: string };

describe('the 历史对话 page', () => {
  it('lists past conversations, opens one read-only, and 继续这个对话 goes on in a new one that remembers it', async () => {
    const { app, chat, shim, openHistory } = launch('mp-alice');
    await askAndWait(chat, BGP);
    const bgpSession = app.chat.sessionId!;
    await tap(chat, '#new-chat');
    await askAndWait(chat, OSPF);
    await tap(chat, '#history');
    expect(asked.navigations).toEqual(['to /pages/history/history']);

    const history = openHistory();
    await until(() => historyData(history).sessions.length === 2);
    expect(shown(history, '.title')).toEqual([OSPF, BGP]);
    const metas = shown(history, '.meta');
    expect(metas[0]).toMatch(/1 条 · 进行中$/);
    expect(metas[1]).toMatch(/1 条 · 已结束$/);

    history.querySelectorAll('.session-item')[1]!.dispatchEvent('tap');
    await until(() => historyData(history).viewing !== null);
    expect(shown(history, '#viewing-title')).toEqual([BGP]);
    expect(shown(history, '.question')).toEqual([BGP]);
    const [answer] = rendered(history);
    expect(answer).toContain('BGP实验ping不通怎么办');
    expect(answer).not.toContain('**');
    // Read-only: nothing to type into, only 继续这个对话.
    expect(history.querySelector('#input')).toBeUndefined();
    await tap(history, '#continue');
    await until(() => asked.navigations.includes('back'));

    // Back on the chat page: an empty new conversation, whose first message names the old one.
    showAgain(chat);
    expect(data(chat).messages).toEqual([]);
    const next = await app.chat.ready;
    expect(next).not.toBe(bgpSession);
    await askAndWait(chat, '那 AS 号要怎么查？');
    const sends = shim.requests.filter((r) => r.url.endsWith('/send')).map((r) => r.body as { sessionId: string; continueFrom?: string });
    expect(sends.at(-1)).toMatchObject({ sessionId: next, continueFrom: bgpSession });
    expect((await app.chat.listSessions()).items.map((s) => s.sessionId)[0]).toBe(next);
  });

  it('清除我的记录 asks first: cancel keeps everything, confirm deletes it all on the server', async () => {
    const { app, chat, openHistory } = launch('mp-bob');
    await askAndWait(chat, BGP);
    const history = openHistory();
    await until(() => historyData(history).sessions.length === 1);

    asked.confirmNext = false;
    await tap(history, '#forget');
    await until(() => asked.modals.length === 1);
    expect(asked.modals[0]).toEqual({ title: '清除我的记录', content: expect.stringContaining('无法恢复') });
    // Cancelled: nothing was deleted.
    await new Promise((r) => setTimeout(r, 50));
    expect((await app.chat.listSessions()).items).toHaveLength(1);
    expect(historyData(history).sessions).toHaveLength(1);

    asked.confirmNext = true;
    await tap(history, '#forget');
    await until(() => historyData(history).cleared !== '');
    expect(asked.modals).toHaveLength(2);
    expect(shown(history, '#empty')).toEqual(['已删除 1 个对话、1 条消息、0 条评价']);
    expect((await app.chat.listSessions()).items).toEqual([]);
    // Back on the chat page: the conversation on screen is gone too; a new one starts empty.
    showAgain(chat);
    expect(data(chat).messages).toEqual([]);
    await askAndWait(chat, OSPF);
    expect((await app.chat.listSessions()).items.map((x) => x.title)).toEqual([OSPF]);
  });

  it('on a server without identities (AUTH=none) says that history is off', async () => {
    const { openHistory } = launch();
    const history = openHistory();
    await until(() => historyData(history).notice !== null);
    expect(shown(history, '#notice')[0]).toContain('AUTH=wx-login 或 wx-cloud');
    expect(history.querySelector('.session-item')).toBeUndefined();
  });
});
