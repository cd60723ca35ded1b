import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Welcome } from '@mpchat/contract';
import type { Middleware } from 'koa';
import { ChatError } from '../errors/chat-error.js';

const PAGE_DIR = fileURLToPath(new URL('../../playground/', import.meta.url));

interface Asset {
  type: string;
  body: Buffer;
}

/**
 * A browser build of @mpchat/wx-sdk (ESM): `index.js` (web adapter inside) or `markdown.js` (the
 * Markdown renderer), or undefined when it is not built.
 */
function readSdkBundle(file: 'index.js' | 'markdown.js'): Buffer | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@mpchat/wx-sdk/package.json');
    return readFileSync(join(dirname(pkg), 'dist', file));
  } catch {
    return undefined;
  }
}

/** What the page needs to know before it can talk to the API. */
export interface PlaygroundInfo {
  /** `AUTH`: anything but `none` needs a login token the browser cannot get by itself (no wx.login). */
  auth: string;
  /** The welcome, shown even before a token is given. */
  welcome: () => Welcome;
}

/**
 * GET routes of the browser playground: the page, its script and style, the SDK bundle it
 * imports, and `/playground/info.json` (the auth mode and the welcome, public like the page).
 * Files are read once at start-up and served from memory (no file-system paths from requests, so
 * nothing to traverse).
 */
export function playgroundRoutes(info: PlaygroundInfo): Record<string, Middleware> {
  const page = (name: string, type: string): Asset => ({ type, body: readFileSync(join(PAGE_DIR, name)) });
  const assets: Record<string, Asset | undefined> = {
    '/playground': page('index.html', 'text/html; charset=utf-8'),
    '/playground/playground.js': page('playground.js', 'text/javascript; charset=utf-8'),
    '/playground/playground-history.js': page('playground-history.js', 'text/javascript; charset=utf-8'),
    '/playground/playground.css': page('playground.css', 'text/css; charset=utf-8'),
  };
  const notBuilt = () => {
    throw new ChatError('NOT_FOUND', '@mpchat/wx-sdk is not built; run pnpm build');
  };
  const routes: Record<string, Middleware> = {
    '/': (ctx) => ctx.redirect('/playground'),
    '/playground/info.json': (ctx) => {
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = { auth: info.auth, welcome: info.welcome() };
    },
  };
  for (const [path, file] of [['/playground/wx-sdk.js', 'index.js'], ['/playground/wx-sdk-markdown.js', 'markdown.js']] as const) {
    const body = readSdkBundle(file);
    if (body) assets[path] = { type: 'text/javascript; charset=utf-8', body };
    else routes[path] = notBuilt;
  }
  for (const [path, asset] of Object.entries(assets)) {
    if (!asset) continue;
    routes[path] = (ctx) => {
      ctx.type = asset.type;
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = asset.body;
    };
  }
  return routes;
}
