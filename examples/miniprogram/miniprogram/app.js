// The app owns the one ChatClient (one conversation per cold start, as the API spec asks of
// sessionId); pages reach it through getApp().chat.
// '@mpchat/wx-sdk' resolves to miniprogram_npm/@mpchat/wx-sdk after 工具 → 构建 npm.
const { ChatClient, bindAppLifecycle } = require('@mpchat/wx-sdk');
const config = require('./config.js');

/**
 * What getApp() returns in this mini-program (pages type it with this).
 * @typedef {object} ChatApp
 * @property {import('@mpchat/wx-sdk').ChatClient} chat the conversation on screen
 * @property {() => void} newChat starts a new conversation and ends the previous one
 * @property {(sessionId: string) => Promise<string>} continueChat 继续这个对话 (the history page)
 * @property {() => Promise<import('@mpchat/wx-sdk').Forgotten>} forgetMe 清除我的记录 (the history page)
 * @property {number} conversations how many conversations were started; a page showing an older one starts over
 */

App({
  /** @type {import('@mpchat/wx-sdk').ChatClient | null} */
  chat: null,
  /** @type {(() => void) | null} */
  unbindChat: null,
  conversations: 0,

  onLaunch() {
    this.newChat();
  },

  /**
   * Starts a new conversation and ends the previous one on the server. The first call makes the
   * ChatClient and ties it to the app lifecycle; later calls use `client.reset()` (新对话): a new
   * session on the same client, which keeps its lifecycle binding and every page's listeners.
   */
  newChat() {
    this.conversations++;
    if (!this.chat) {
      /** @type {import('@mpchat/wx-sdk').ChatClientOptions} */
      const options = { baseUrl: config.baseUrl };
      // AUTH=wx-login on the server: the client logs in with wx.login itself (and again once on a 401).
      if (config.auth === 'wx-login') options.auth = 'wx-login';
      this.chat = new ChatClient(options);
      // wx.onAppHide → suspend (close the socket, hold requests: WeChat cuts both ~5 s after the
      // app is hidden); wx.onAppShow → resume (reconnect, fetch what was missed by seq).
      this.unbindChat = bindAppLifecycle(this.chat);
      return;
    }
    // Best effort: a destroy that fails leaves a session the server closes after SESSION_IDLE_TTL;
    // the new session is in use either way.
    this.chat.reset().catch((err) => console.warn('[mpchat-example] could not end the previous conversation', err));
  },

  /**
   * 继续这个对话: a new conversation whose answers remember the last turns of the student's earlier
   * session `sessionId`; the chat page shows it when it is back on screen.
   * @param {string} sessionId
   */
  continueChat(sessionId) {
    this.conversations++;
    return /** @type {import('@mpchat/wx-sdk').ChatClient} */ (this.chat).continue(sessionId);
  },

  /** 清除我的记录: ends the conversation on screen and deletes all of the student's data on the server. */
  forgetMe() {
    this.conversations++;
    return /** @type {import('@mpchat/wx-sdk').ChatClient} */ (this.chat).forget();
  },
});
