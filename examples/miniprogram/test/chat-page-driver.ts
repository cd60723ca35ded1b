// Drives the chat page the way a user does: through its WXML (input and tap events on the
// rendered nodes), and reads it back as data and as rendered text.
import { until as waitUntil } from '@mpchat/testkit';
import type { RootComponent } from 'miniprogram-simulate';

/** One message as the page holds it (pages/chat/chat.js). */
export interface ShownMessage {
  id: string;
  role: 'user' | 'bot';
  text: string;
  /** The bot's text as <rich-text> nodes (markdownToNodes). */
  nodes: unknown[];
  state: 'streaming' | 'completed' | 'stopped' | 'blocked' | 'rejected' | 'error';
  sources: string[];
  seq: number;
  suggestions: string[];
  rating: '' | 'up' | 'down';
  error: { hint: string; message: string; code: string } | null;
}

export interface PageData {
  messages: ShownMessage[];
  input: string;
  streaming: boolean;
  statusText: string;
  transportText: string;
  sessionId: string;
  starters: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChatPage = RootComponent<any, any, any>;

export const data = (page: ChatPage): PageData => page.data as PageData;

/** The newest bot message, if any. */
export function lastBot(page: ChatPage): ShownMessage | undefined {
  return data(page).messages.filter((m) => m.role === 'bot').pop();
}

/** No reply is streaming: the bar shows 发送 again. */
export const finished = (page: ChatPage): boolean => !data(page).streaming;

/** The rendered text of the nodes matching `selector` (class or id, as selectComponent takes). */
export function shown(page: ChatPage, selector: string): string[] {
  return page.querySelectorAll(selector).map((node) => node.dom?.textContent ?? '');
}

/** What a student sees of the bot's answers: the rendered text of each <rich-text>. */
export function rendered(page: ChatPage): string[] {
  return shown(page, '.markdown');
}

/** The tag names rendered inside the newest answer's <rich-text>, in document order. */
export function renderedTags(page: ChatPage): string[] {
  const all = page.querySelectorAll('.markdown');
  const host = all[all.length - 1]?.dom;
  return host ? Array.from(host.querySelectorAll('*'), (el) => el.tagName.toLowerCase()) : [];
}

/** The text of the first element `tag` rendered inside the newest answer. */
export function renderedText(page: ChatPage, tag: string): string | undefined {
  const all = page.querySelectorAll('.markdown');
  return all[all.length - 1]?.dom?.querySelector(tag)?.textContent ?? undefined;
}

// j-component dispatches events in a microtask (it mimics WeChat's asynchronous events), so each
// action waits one macrotask: by then the handler has run up to its first await.
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function tap(page: ChatPage, selector: string): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing to tap: ${selector} is not on the page`);
  node.dispatchEvent('tap');
  await settle();
}

/** Types `text` into the input and taps 发送. */
export async function ask(page: ChatPage, text: string): Promise<void> {
  page.querySelector('#input')!.dispatchEvent('input', { detail: { value: text } });
  await settle();
  await tap(page, '#send');
}

/** Resolves once `condition` holds; a page waits on the server, so the default limit is 20 s. */
export const until = (condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> => waitUntil(condition, ms, 'chat page');
