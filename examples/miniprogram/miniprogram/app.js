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
 */

App({
  /** @type {import('@mpchat/wx-sdk').ChatClient | null} */
  chat: null,
  /** @type {(() => void) | null} */
  unbindChat: null,

  onLaunch() {
    this.newChat();
  },

  /**
   * Starts a new conversation and ends the previous one on the server. The first call makes the
   * ChatClient and ties it to the app lifecycle; later calls use `client.reset()` (新对话): a new
   * session on the same client, which keeps its lifecycle binding and every page's listeners.
   */
  newChat() {
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
});
