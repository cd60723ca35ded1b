// 历史对话: the student's own conversations (newest first), each opened read-only, with
// 继续这个对话 (a new conversation that remembers it) and 清除我的记录 (delete everything of mine on
// the server, after a confirm dialog). Needs a server that knows who is asking: AUTH=wx-login (set
// `auth: 'wx-login'` in config.js) or wx-cloud.
const { markdownToNodes } = require('@mpchat/wx-sdk/markdown');
const { errorView } = require('../../lib/error-view.js');

/** @type {import('../../app.js').ChatApp} */
const app = getApp();

/** What this page says for the failures it expects; the rest as on the chat page. */
const HINTS = {
  NOT_FOUND: '服务器没有开启登录（AUTH=wx-login 或 wx-cloud），因此没有历史对话',
  SESSION_NOT_FOUND: '这段对话已不再保存',
};

/** @param {unknown} err */
function problem(err) {
  const view = errorView(err);
  return { ...view, hint: HINTS[/** @type {keyof typeof HINTS} */ (view.code)] || view.hint };
}

/** `2026-12-01T07:30:00.000Z` as the phone's local `12/01 15:30`. */
function shortTime(/** @type {string} */ iso) {
  const d = new Date(iso);
  const two = (/** @type {number} */ n) => (n < 10 ? `0${n}` : String(n));
  return `${two(d.getMonth() + 1)}/${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** @param {import('@mpchat/wx-sdk').SessionSummary} s */
const listItem = (s) => ({ ...s, when: shortTime(s.lastActiveAt), open: s.status === 'open' });

/** @param {import('@mpchat/wx-sdk').HistoryTurn} t */
const shownTurn = (t) => ({ seq: t.seq, question: t.content, nodes: markdownToNodes(t.reply), status: t.status });

Page({
  data: {
    /** @type {Array<import('@mpchat/wx-sdk').SessionSummary & { when: string, open: boolean }>} */
    sessions: [],
    /** The cursor of the next page of sessions ('' on the last). */
    more: '',
    loading: false,
    /** @type {{ session: import('@mpchat/wx-sdk').SessionSummary, turns: ReturnType<typeof shownTurn>[], more: string } | null} the conversation open read-only */
    viewing: null,
    /** @type {{ hint: string, message: string, code: string } | null} */
    notice: null,
    /** What 清除我的记录 deleted, once it has. */
    cleared: '',
  },

  onLoad() {
    this.loadSessions();
  },

  /** The first page of sessions (again: after 继续这个对话 or 清除我的记录 the list changed). */
  async loadSessions(cursor = '') {
    this.setData({ loading: true, notice: null });
    try {
      const page = await app.chat.listSessions(cursor || undefined);
      const sessions = page.items.map(listItem);
      this.setData({ sessions: cursor ? this.data.sessions.concat(sessions) : sessions, more: page.nextCursor || '' });
    } catch (err) {
      this.setData({ notice: problem(err) });
    }
    this.setData({ loading: false });
  },

  onMoreSessions() {
    return this.loadSessions(this.data.more);
  },

  /** A session was tapped: its turns, read-only. */
  async onOpen(/** @type {WechatMiniprogram.BaseEvent} */ e) {
    const sessionId = String(e.currentTarget.dataset.id);
    this.setData({ notice: null });
    try {
      const page = await app.chat.history(sessionId);
      this.setData({ viewing: { session: page.session, turns: page.items.map(shownTurn), more: page.nextCursor || '' } });
    } catch (err) {
      this.setData({ notice: problem(err) });
    }
  },

  async onMoreTurns() {
    const viewing = this.data.viewing;
    if (!viewing) return;
    try {
      const page = await app.chat.history(viewing.session.sessionId, viewing.more);
      this.setData({ viewing: { ...viewing, turns: viewing.turns.concat(page.items.map(shownTurn)), more: page.nextCursor || '' } });
    } catch (err) {
      this.setData({ notice: problem(err) });
    }
  },

  onBack() {
    this.setData({ viewing: null });
  },

  /** 继续这个对话: a new conversation that remembers this one; back to the chat page to go on. */
  async onContinue() {
    const viewing = this.data.viewing;
    if (!viewing) return;
    try {
      await app.continueChat(viewing.session.sessionId);
    } catch (err) {
      // The previous conversation could not be ended on the server; the new one is in use anyway.
      console.warn('[mpchat-example] could not end the previous conversation', err);
    }
    this.setData({ viewing: null });
    wx.navigateBack({ fail: () => wx.redirectTo({ url: '/pages/chat/chat' }) });
  },

  /** 清除我的记录: asks first; then every conversation, message and rating of mine is deleted on the server. */
  onForget() {
    wx.showModal({
      title: '清除我的记录',
      content: '将删除你在服务器上的全部对话、消息和评价，且无法恢复。确定吗？',
      confirmText: '清除',
      confirmColor: '#f53f3f',
      success: (res) => {
        if (res.confirm) this.forget();
      },
    });
  },

  async forget() {
    this.setData({ notice: null });
    try {
      const gone = await app.forgetMe();
      this.setData({ viewing: null, sessions: [], more: '', cleared: `已删除 ${gone.sessions} 个对话、${gone.turns} 条消息、${gone.feedback} 条评价` });
    } catch (err) {
      this.setData({ notice: problem(err) });
    }
  },
});
