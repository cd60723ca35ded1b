// The chat page: messages, reply text streaming in (rendered Markdown), stop, 新对话, status
// line, errors; the welcome and its starters on an empty chat, follow-up chips, 👍/👎. The conversation itself lives in the app (getApp().chat): the page only shows it.
const { markdownToNodes } = require('@mpchat/wx-sdk/markdown');
const { latestThrottle } = require('../../lib/latest-throttle.js');
const { statusLabel } = require('../../lib/status-label.js');
const { errorView, messageRejected, sessionIsOver } = require('../../lib/error-view.js');

/** @type {import('../../app.js').ChatApp} */
const app = getApp();
// About ten screen updates a second reads as smooth typing and keeps setData traffic low.
const DELTA_INTERVAL_MS = 100;

let lastMessageId = 0;
const messageId = () => `m${++lastMessageId}`;
/** Shown until (or if never) the server's welcome arrives. */
const FALLBACK_GREETING = '你好，我是课程助教。问我实验里遇到的问题吧。';

/**
 * @typedef {object} ChatMessage
 * @property {string} id wx:key and scroll-into-view target
 * @property {'user' | 'bot'} role
 * @property {string} text the message as typed or as the server sent it (Markdown for the bot)
 * @property {import('@mpchat/wx-sdk/markdown').RichTextNode[]} nodes the bot's text as <rich-text> nodes
 * @property {'streaming' | 'completed' | 'stopped' | 'blocked' | 'rejected' | 'error'} state
 *   `blocked`: content moderation replaced the reply (its text is the server's canned reply);
 *   `rejected`: content moderation refused the user's message (no reply follows)
 * @property {string[]} sources knowledge-base section titles the answer drew on
 * @property {number} seq the turn's sequence number once the reply is in (0 before); feedback names it
 * @property {string[]} suggestions follow-up questions offered as chips (tapping one sends it)
 * @property {'' | 'up' | 'down'} rating the 👍/👎 given to the answer
 * @property {'teacher'} [from] a teacher wrote this reply (marked 老师回复 instead of AI生成)
 * @property {{ hint: string, message: string, code: string } | null} error
 */

Page({
  data: {
    /** @type {ChatMessage[]} */
    messages: [],
    input: '',
    streaming: false,
    stopping: false,
    statusText: '',
    transportText: '',
    sessionId: '',
    lastId: '',
    /** @type {{ hint: string, message: string, code: string } | null} a failure not tied to one message */
    notice: null,
    /** The opening message as rich-text nodes, shown on an empty chat. */
    greetingNodes: markdownToNodes(FALLBACK_GREETING),
    /** @type {string[]} starter questions shown on an empty chat (tapping one sends it) */
    starters: [],
  },
  /** @type {(() => void) | null} */
  offStatus: null,
  /** @type {(() => void) | null} */
  offTeacher: null,
  /** Counts conversations shown on this page (新对话 starts the next): late results of an old one are dropped. */
  conversation: 0,
  /** The app's conversation count when this page last started over (see app.conversations). */
  shown: 0,
  /** @type {{ push(text: string): void, cancel(): void } | null} */
  stream: null,

  onLoad() {
    this.shown = app.conversations;
    this.follow(app.chat);
    this.loadWelcome();
  },

  /** The greeting and starter questions of the server's knowledge base (GET /welcome). */
  async loadWelcome() {
    try {
      const welcome = await app.chat.welcome();
      this.setData({ greetingNodes: markdownToNodes(welcome.greeting), starters: welcome.starters });
    } catch (err) {
      // The built-in greeting stays; an unreachable server shows itself on the first send.
    }
  },

  onUnload() {
    this.unfollow();
    if (this.stream) this.stream.cancel();
  },

  /**
   * Shows a client's status, transport and session id. The status event only fires on changes,
   * so the current values are shown at once.
   * @param {import('@mpchat/wx-sdk').ChatClient} client
   */
  follow(client) {
    this.unfollow();
    /** @type {(status: import('@mpchat/wx-sdk').ConnectionStatus, transport: import('@mpchat/wx-sdk').TransportKind) => void} */
    const show = (status, transport) => this.setData(statusLabel(status, transport));
    this.offStatus = client.on('status', show);
    show(client.status, client.transport);
    // A teacher answered a question the assistant could not: it arrives on its own, marked 老师回复.
    this.offTeacher = client.on('teacher', (reply) => {
      if (client === app.chat) this.showTeacherReply(reply);
    });
    // The session id exists once wx.getRandomValues (asynchronous) has answered.
    client.ready.then((id) => {
      if (client === app.chat) this.setData({ sessionId: id });
    });
  },

  unfollow() {
    if (this.offStatus) this.offStatus();
    if (this.offTeacher) this.offTeacher();
    this.offStatus = null;
    this.offTeacher = null;
  },

  /** @param {import('@mpchat/wx-sdk').Reply} reply */
  showTeacherReply(reply) {
    const id = messageId();
    /** @type {ChatMessage} */
    const message = { id, role: 'bot', from: 'teacher', text: reply.content, nodes: markdownToNodes(reply.content), state: 'completed', sources: [], seq: reply.seq, suggestions: [], rating: '', error: null };
    this.setData({ messages: this.data.messages.concat(message), lastId: id });
  },

  /** @param {WechatMiniprogram.Input} e */
  onInput(e) {
    this.setData({ input: e.detail.value });
  },

  onSend() {
    return this.sendText(this.data.input.trim());
  },

  /** A starter question or a follow-up chip was tapped: send it as if typed. */
  onAsk(/** @type {WechatMiniprogram.BaseEvent} */ e) {
    return this.sendText(String(e.currentTarget.dataset.text || ''));
  },

  /** 👍/👎 under an answer: stored with its question and answer for the teachers; tapping again replaces. */
  async onRate(/** @type {WechatMiniprogram.BaseEvent} */ e) {
    const { index, rating } = e.currentTarget.dataset;
    const message = this.data.messages[index];
    if (!message || !message.seq || message.rating === rating) return;
    const client = app.chat;
    try {
      await client.feedback(message.seq, rating);
      if (client === app.chat) this.setData({ [`messages[${index}].rating`]: rating });
    } catch (err) {
      if (client === app.chat) this.setData({ notice: errorView(err) });
    }
  },

  /** @param {string} text */
  async sendText(text) {
    if (!text || this.data.streaming) return;
    const client = app.chat;
    // After 新对话 this send belongs to a conversation no longer on screen: drop what it brings.
    const conversation = this.conversation;
    const onScreen = () => conversation === this.conversation;
    const bot = `messages[${this.data.messages.length + 1}]`;
    const userId = messageId();
    const botId = messageId();
    this.setData({
      messages: this.data.messages.concat(
        { id: userId, role: 'user', text, nodes: [], state: 'completed', sources: [], seq: 0, suggestions: [], rating: '', error: null },
        { id: botId, role: 'bot', text: '', nodes: [], state: 'streaming', sources: [], seq: 0, suggestions: [], rating: '', error: null },
      ),
      input: '',
      streaming: true,
      notice: null,
      lastId: botId,
    });
    // Each update renders the whole answer so far: markdownToNodes copes with a half-streamed
    // answer (an unclosed ``` is a code block so far, an unclosed ** is bold so far).
    const show = (/** @type {string} */ soFar) => ({ [`${bot}.text`]: soFar, [`${bot}.nodes`]: markdownToNodes(soFar) });
    const stream = latestThrottle((/** @type {string} */ soFar) => onScreen() && this.setData(show(soFar)), DELTA_INTERVAL_MS);
    this.stream = stream;
    try {
      // onDelta gets the whole text so far: render it as is (it stays right across reconnects).
      const reply = await client.send(text, { onDelta: (soFar) => stream.push(soFar) });
      stream.cancel();
      if (!onScreen()) return;
      this.setData(
        Object.assign(show(reply.content), {
          [`${bot}.state`]: reply.status,
          [`${bot}.sources`]: (reply.sources || []).map((s) => s.title),
          [`${bot}.seq`]: reply.seq,
          [`${bot}.suggestions`]: reply.suggestions || [],
          streaming: false,
        }),
      );
    } catch (err) {
      stream.cancel();
      if (!onScreen()) return;
      if (messageRejected(err)) {
        // Refused by content moderation: mark the user's bubble, drop the empty reply, give the text back to edit.
        const messages = this.data.messages.slice(0, -1);
        const last = messages.length - 1;
        messages[last] = Object.assign({}, messages[last], { state: 'rejected', error: errorView(err) });
        this.setData({ messages, input: this.data.input || text, streaming: false, lastId: messages[last].id });
        return;
      }
      this.setData({ [`${bot}.state`]: 'error', [`${bot}.error`]: errorView(err), streaming: false });
      if (sessionIsOver(err)) {
        // Expired (30 idle minutes) or unknown to the server: the next message needs a new session.
        this.conversation++;
        app.newChat();
        this.follow(app.chat);
      }
    }
  },

  async onStop() {
    if (!this.data.streaming || this.data.stopping) return;
    this.setData({ stopping: true });
    try {
      // The waiting send resolves with status 'stopped' and the text so far (onSend shows it).
      await app.chat.stop();
    } catch (err) {
      this.setData({ notice: errorView(err) });
    } finally {
      this.setData({ stopping: false });
    }
  },

  onNewChat() {
    app.newChat();
    this.startOver();
  },

  /** Back from the history page: after 继续这个对话 or 清除我的记录 the app is on another conversation. */
  onShow() {
    if (this.shown !== app.conversations) this.startOver();
  },

  /** 历史对话: the student's past conversations (needs a server with AUTH=wx-login or wx-cloud). */
  onHistory() {
    wx.navigateTo({ url: '/pages/history/history' });
  },

  /** Shows the app's current conversation from its start (empty). */
  startOver() {
    if (this.stream) this.stream.cancel();
    this.conversation++;
    this.shown = app.conversations;
    this.setData({ messages: [], input: '', streaming: false, stopping: false, notice: null, sessionId: '', lastId: '' });
    this.follow(app.chat);
  },
});
