// Each test gets a cold start of the mini-program on its chat page, against the shared server;
// afterwards the page is unloaded and its conversation destroyed on the server.
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { buildNpm } from './build-npm.js';
import type { ChatPage } from './chat-page-driver.js';
import { launchApp, openPage, ROOT, useWx, type ChatApp } from './mini-program.js';
import { WxShim } from '@mpchat/testkit'; // the `wx` shim (WeChat's semantics over real HTTP/WebSocket)

/** A launched mini-program: its app, its chat page, and the wx it runs on. */
export interface Launched {
  app: ChatApp;
  page: ChatPage;
  shim: WxShim;
}

/** Registers the hooks; `launch()` then starts the mini-program for one test. */
export function useChatPage() {
  const baseUrl = inject('baseUrl');
  let undoBuildNpm: (() => void) | undefined;
  let current: Launched | undefined;

  beforeAll(() => {
    undoBuildNpm = buildNpm(['@mpchat/wx-sdk'], ROOT);
  });
  afterAll(() => undoBuildNpm?.());
  afterEach(async () => {
    if (!current) return;
    const { app, page } = current;
    current = undefined;
    page.detach();
    app.unbindChat?.();
    await app.chat.destroy().catch(() => undefined);
  });

  return {
    baseUrl,
    /** `socketMode: 'fail'` launches on a network where the socket domain is blocked. */
    launch(socketMode: WxShim['socketMode'] = 'normal'): Launched {
      const shim = new WxShim();
      shim.socketMode = socketMode;
      useWx(shim);
      const app = launchApp(baseUrl);
      current = { app, page: openPage('pages/chat/chat'), shim };
      return current;
    },
  };
}
