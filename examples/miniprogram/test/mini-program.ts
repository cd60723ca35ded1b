// Runs the mini-program's own files under miniprogram-simulate (j-component in jsdom) the way
// WeChat runs them: App() registers the app and getApp() returns it; Page() registers the page;
// `wx` is miniprogram-simulate's, with the network, random and lifecycle APIs replaced by a
// WxShim — its own mocks are inert (request always 200 {}, sockets never open).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatClient } from '@mpchat/wx-sdk';
import simulate from 'miniprogram-simulate';
import { useRichText } from './rich-text.js';
import type { WxShim } from '@mpchat/testkit'; // the `wx` shim (WeChat's semantics over real HTTP/WebSocket)

/** The mini-program root (project.config.json's miniprogramRoot). */
// (Paths, not URL objects: under jsdom the global URL is jsdom's, which fileURLToPath refuses.)
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../miniprogram');
const requireNative = createRequire(import.meta.url);

/** What app.js registers with App(). */
export interface ChatApp {
  chat: ChatClient;
  unbindChat: (() => void) | null;
  conversations: number;
  onLaunch(options: object): void;
  newChat(): void;
}

type Options = Record<string, unknown> & { data?: Record<string, unknown> };
type Instance = Record<string, unknown> & { onLoad?: (query: object) => void; onUnload?: () => void; onShow?: () => void };

const globals = globalThis as unknown as Record<string, unknown> & { wx: Record<string, unknown>; Component(definition: object): void };

/**
 * WeChat's Page() as the Component definition miniprogram-simulate can load: the functions become
 * methods, the other fields are copied into each instance (WeChat deep-copies them), onLoad runs
 * when the page is attached and onUnload when it is detached.
 */
function pageAsComponent(options: Options): object {
  const methods: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key !== 'data') (typeof value === 'function' ? methods : fields)[key] = value;
  }
  return {
    data: options.data ?? {},
    methods,
    lifetimes: {
      created(this: Instance) {
        Object.assign(this, structuredClone(fields));
      },
      attached(this: Instance) {
        this.onLoad?.({});
      },
      detached(this: Instance) {
        this.onUnload?.();
      },
    },
    // The page is back on screen (a test calls triggerPageLifeTime('show'), as navigateBack would).
    pageLifetimes: {
      show(this: Instance) {
        this.onShow?.();
      },
    },
  };
}

/** Routes the wx APIs the SDK and the page use to `shim`. */
export function useWx(shim: WxShim): void {
  for (const name of ['request', 'connectSocket', 'login', 'onAppShow', 'onAppHide', 'offAppShow', 'offAppHide'] as const) {
    globals.wx[name] = shim[name].bind(shim);
  }
  // Optional on the shim (a test can remove it to simulate an old base library); set here.
  globals.wx.getRandomValues = (option: Parameters<NonNullable<WxShim['getRandomValues']>>[0]) => shim.getRandomValues?.(option);
}

/**
 * Cold start: runs app.js (App() registration), then onLaunch, against the server at `baseUrl`
 * (`auth: 'wx-login'` for a server with AUTH=wx-login).
 */
export function launchApp(baseUrl: string, auth?: 'wx-login'): ChatApp {
  // The developer edits config.js; the test points the same module at its server.
  Object.assign(requireNative(join(ROOT, 'config.js')) as object, { baseUrl, auth });
  let app: ChatApp | undefined;
  globals.App = (options: ChatApp) => (app = options);
  globals.getApp = () => app;
  globals.Page = (options: Options) => globals.Component(pageAsComponent(options));
  const appPath = join(ROOT, 'app.js');
  delete requireNative.cache[appPath];
  requireNative(appPath);
  if (!app) throw new Error('app.js did not call App()');
  app.onLaunch({ path: 'pages/chat/chat', query: {}, scene: 1001 });
  return app;
}

/** Opens a page and loads it (onLoad). */
export function openPage(path: string) {
  // 'official': the WXML goes through WeChat's own compiler (wcc, shipped by miniprogram-compiler
  // for Linux, macOS and Windows on x86-64), so markup DevTools would reject fails here too.
  useRichText();
  const page = simulate.render(simulate.load(join(ROOT, path), { rootPath: ROOT, compiler: 'official' }));
  page.attach(document.createElement('parent-wrapper'));
  return page;
}
