// 历史对话 in the playground, shown when a login token is configured (a server with AUTH=wx-login
// or wx-cloud knows who is asking; under AUTH=none there is no history). The same list the sample
// mini-program shows: the user's conversations, one opened read-only, 继续这个对话.

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'mpchat-playground-token';

/** The login token the playground sends (`Authorization: Bearer …`), '' when none is configured. */
export const savedToken = () => sessionStorage.getItem(TOKEN_KEY) ?? '';

/**
 * Wires the history panel to the token form. `client()` is the ChatClient in use; `render(target,
 * markdown)` renders an answer; `changed()` starts over (a new token, or a conversation continued).
 */
export function setUpHistory({ client, render, changed }) {
  const panel = $('history');
  const list = $('sessions');
  const view = $('transcript');
  $('history-toggle').hidden = !savedToken();
  // The token form (playground.js) saves the token and starts over; the history follows it.
  $('auth').addEventListener('submit', () => {
    $('history-toggle').hidden = !$('token').value.trim();
    panel.hidden = true;
  });
  $('history-toggle').addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) void showList();
  });

  async function showList() {
    view.hidden = true;
    list.hidden = false;
    list.replaceChildren();
    try {
      const page = await client().listSessions();
      if (page.items.length === 0) list.textContent = '还没有历史对话';
      for (const s of page.items) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'session-item';
        b.dataset.id = s.sessionId;
        b.textContent = `${s.title} · ${s.turns} 条 · ${s.status === 'open' ? '进行中' : '已结束'}`;
        b.addEventListener('click', () => void showTranscript(s.sessionId));
        list.append(b);
      }
    } catch (err) {
      list.textContent = err instanceof Error ? err.message : String(err);
    }
  }

  async function showTranscript(sessionId) {
    try {
      const page = await client().history(sessionId);
      const turns = page.items.flatMap((t) => {
        const q = document.createElement('div');
        q.className = 'msg user';
        q.textContent = t.content;
        const a = document.createElement('div');
        a.className = 'msg bot';
        render(a, t.reply);
        return [q, a];
      });
      const go = document.createElement('button');
      go.type = 'button';
      go.id = 'continue';
      go.textContent = '继续这个对话';
      go.addEventListener('click', async () => {
        panel.hidden = true;
        await client().continue(sessionId).catch(() => undefined);
        changed(false);
      });
      const back = document.createElement('button');
      back.type = 'button';
      back.textContent = '返回列表';
      back.addEventListener('click', () => void showList());
      view.replaceChildren(back, ...turns, go);
      list.hidden = true;
      view.hidden = false;
    } catch (err) {
      view.textContent = err instanceof Error ? err.message : String(err);
      view.hidden = false;
    }
  }
}
