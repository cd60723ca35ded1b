// The status line follows the connection: the transport the SDK fell back to, and the app going
// to the background and back (app.js binds the client to the lifecycle).
import { describe, expect, it } from 'vitest';
import { useChatPage } from './chat-page-fixture.js';
import { ask, finished, lastBot, shown, until } from './chat-page-driver.js';
import { referenceReply } from './server-api.js';

const BGP = '请问BGP协议实验ping不通怎么办?';

const chat = useChatPage();

describe('the status line', () => {
  it('shows long-polling when sockets are blocked (no socket合法域名), and the whole reply still arrives', async () => {
    const { page: p, shim } = chat.launch('fail');
    await ask(p, BGP);
    await until(() => finished(p));

    expect(shim.sockets.length).toBeGreaterThan(0);
    expect(shown(p, '#status')).toEqual(['已连接 · 长轮询']);
    expect(lastBot(p)!.state).toBe('completed');
    expect(lastBot(p)!.text).toBe(await referenceReply(chat.baseUrl, BGP));
  });

  it('shows offline in the background, and the reply resumes in full once the app is back', async () => {
    const { page: p, shim } = chat.launch();
    await ask(p, BGP);
    await until(() => !!lastBot(p)?.text);
    shim.hide();
    expect(shown(p, '#status')).toEqual(['离线（小程序在后台） · WebSocket']);
    shim.show();
    await until(() => finished(p));

    expect(lastBot(p)!.text).toBe(await referenceReply(chat.baseUrl, BGP));
    expect(shown(p, '#status')).toEqual(['已连接 · WebSocket']);
    // The socket was closed in the background and a new one opened on return.
    expect(shim.sockets.length).toBeGreaterThan(1);
  });
});
