// The playground: a chat page on @mpchat/wx-sdk's web adapter (fetch / WebSocket), served by the
// server itself. Answers are Markdown, rendered with the same node tree the mini-program hands to
// <rich-text> (@mpchat/wx-sdk/markdown), mapped to DOM here: elements from the renderer's fixed
// tags, text through text nodes only — nothing from an answer is ever parsed as HTML. An empty
// chat shows the welcome and its starters; answers get follow-up chips and 👍/👎.
import { ChatClient } from '/playground/wx-sdk.js';
import { markdownToNodes } from '/playground/wx-sdk-markdown.js';
import { setUpHistory } from '/playground/playground-history.js';

const $ = (id) => document.getElementById(id);
const log = $('log');
const input = $('input');
let client;
let unsubscribe = () => {};
let busy = 0;

// The server's auth mode and welcome (GET /playground/info.json, public like this page).
const info = fetch('/playground/info.json').then((r) => r.json()).catch(() => ({ auth: 'none' }));
const TOKEN_KEY = 'mpchat-playground-token';

/**
 * Under AUTH=wx-login (or wx-cloud) every API call needs a login token, and a browser has no
 * wx.login: the page says so and takes a token pasted in (kept for this tab only).
 */
async function authOption() {
  const { auth } = await info;
  $('auth').hidden = auth === 'none';
  $('auth-mode').textContent = auth;
  const token = sessionStorage.getItem(TOKEN_KEY);
  $('token').value = token ?? '';
  return auth !== 'none' && token ? { auth: { token: async () => token } } : {};
}

async function connect() {
  client = new ChatClient({ baseUrl: location.origin, adapter: 'web', transport: $('mode').value, ...(await authOption()) });
  unsubscribe = client.on('status', (status) => {
    $('status').textContent = status;
    $('status').dataset.status = status;
    $('transport').textContent = client.transport;
    $('session').textContent = client.sessionId ?? '—';
  });
  $('session').textContent = client.sessionId ?? '—';
  void showWelcome();
}

/** Buttons that send their text when clicked (starter questions, follow-up suggestions). */
function chips(kind, questions) {
  const box = document.createElement('div');
  box.className = `chips ${kind}s`;
  for (const q of questions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `chip ${kind}`;
    b.textContent = q;
    b.addEventListener('click', () => void ask(q));
    box.append(b);
  }
  return box;
}

/** An empty chat shows the knowledge base's greeting (Markdown) and its starter questions. */
async function showWelcome() {
  const box = $('welcome');
  const shownFor = client;
  try {
    // The SDK's call needs a token under wx-login; the page's info carries the same welcome.
    const welcome = await client.welcome().catch(async (err) => (await info).welcome ?? Promise.reject(err));
    if (shownFor !== client || log.querySelector('.msg')) return;
    const greeting = document.createElement('div');
    greeting.className = 'greeting';
    renderMarkdown(greeting, welcome.greeting);
    box.replaceChildren(greeting, chips('starter', welcome.starters));
    box.hidden = false;
  } catch {
    box.hidden = true;
  }
}

/** 👍/👎 under an answer: stored for the teachers with the question and answer; clicking the other replaces it. */
function ratingButtons(seq) {
  const box = document.createElement('span');
  box.className = 'rating';
  for (const [rating, face] of [['up', '👍 有帮助'], ['down', '👎 没帮助']]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `rate ${rating}`;
    b.textContent = face;
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', async () => {
      try {
        await client.feedback(seq, rating);
        for (const other of box.querySelectorAll('.rate')) other.setAttribute('aria-pressed', String(other === b));
      } catch (err) {
        b.title = err instanceof Error ? err.message : String(err);
      }
    });
    box.append(b);
  }
  return box;
}

// rich-text decodes entities in text nodes, so the renderer escapes them; the DOM gets the text back.
const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (text) => text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/** DOM nodes for a markdownToNodes tree: class, style and start are the only attributes it sets. */
function toDom(nodes) {
  return nodes.map((node) => {
    if (node.type === 'text') return document.createTextNode(decode(node.text));
    const el = document.createElement(node.name);
    el.className = node.attrs.class;
    el.setAttribute('style', node.attrs.style);
    if (node.attrs.start) el.setAttribute('start', node.attrs.start);
    el.append(...toDom(node.children));
    return el;
  });
}

function renderMarkdown(target, text) {
  target.replaceChildren(...toDom(markdownToNodes(text)));
}

function bubble(kind, text) {
  const el = document.createElement('div');
  el.className = `msg ${kind}`;
  if (kind === 'bot') {
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = 'AI生成';
    el.append(label, document.createElement('br'));
  }
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  el.append(body);
  log.append(el);
  log.scrollTop = log.scrollHeight;
  return el;
}

function setBusy(delta) {
  busy += delta;
  $('stop').disabled = busy === 0;
}

async function ask(text) {
  const question = text.trim();
  if (!question) return;
  $('welcome').hidden = true;
  // Follow-ups belong to the latest answer only.
  for (const old of log.querySelectorAll('.chips.suggestions')) old.remove();
  const user = bubble('user', question);
  const bot = bubble('bot', '');
  bot.dataset.state = 'streaming';
  const out = bot.querySelector('.text');
  setBusy(1);
  try {
    const reply = await client.send(question, {
      onDelta: (soFar) => {
        renderMarkdown(out, soFar);
        log.scrollTop = log.scrollHeight;
      },
    });
    renderMarkdown(out, reply.content);
    bot.dataset.state = reply.status;
    const meta = document.createElement('div');
    meta.className = 'meta';
    const note = { stopped: '已停止 · ', blocked: '未通过内容安全检查，已替换 · ' }[reply.status] ?? '';
    meta.textContent = `${note}${reply.timestamp} · via ${client.transport}`;
    meta.append(ratingButtons(reply.seq));
    bot.append(meta);
    if (reply.sources?.length) {
      const list = document.createElement('ul');
      list.className = 'sources';
      for (const s of reply.sources) {
        const li = document.createElement('li');
        li.textContent = s.title;
        list.append(li);
      }
      bot.append(list);
    }
    if (reply.suggestions?.length) bot.append(chips('suggestion', reply.suggestions));
  } catch (err) {
    if (err?.code === 'CONTENT_REJECTED') {
      // Refused by content moderation: mark the question with the server's (Chinese) reason; no reply follows.
      bot.remove();
      user.dataset.state = 'rejected';
      user.classList.add('rejected');
      const reason = document.createElement('div');
      reason.className = 'meta';
      reason.textContent = err.message.replace(/^\[wx-sdk\] /, '').replace(/ \(CONTENT_REJECTED\)$/, '');
      user.append(reason);
      input.value ||= question;
      return;
    }
    bot.dataset.state = 'error';
    bot.classList.add('error');
    out.textContent = err instanceof Error ? err.message : String(err);
  } finally {
    setBusy(-1);
    log.scrollTop = log.scrollHeight;
  }
}

$('compose').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = input.value;
  input.value = '';
  void ask(text);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    $('compose').requestSubmit();
  }
});
$('stop').addEventListener('click', () => void client.stop());
/** Clears the log; `fresh` (新对话, a new token) also ends the conversation and makes a new client. */
async function startOver(fresh = true) {
  if (fresh) {
    unsubscribe();
    await client.destroy().catch(() => undefined);
  }
  log.replaceChildren($('welcome'));
  busy = 0;
  setBusy(0);
  if (fresh) await connect();
  else {
    $('session').textContent = (await client.ready) ?? '—';
    void showWelcome();
  }
}
$('new-chat').addEventListener('click', () => void startOver());
setUpHistory({ client: () => client, render: renderMarkdown, changed: (fresh) => void startOver(fresh) });
$('mode').addEventListener('change', () => $('new-chat').click());
$('auth').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = $('token').value.trim();
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  $('new-chat').click();
});
void connect();
