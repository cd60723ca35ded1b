import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ChatError } from '../errors/chat-error.js';
import type { HttpContext, HttpMiddleware } from './http-state.js';

/** Where the server serves the teachers' console. */
export const CONSOLE_PATH = '/console';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
};

interface Asset {
  type: string;
  body: Buffer;
  /** Gzipped once, on the first request that accepts it. */
  gzip?: Buffer;
  /** Vite puts a content hash in every name under assets/: such a file never changes. */
  immutable: boolean;
}

/** The built console's folder (`@mpchat/console`'s dist), or undefined when it is not installed. */
export function consoleDistDir(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@mpchat/console/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = join(folder, entry.name);
      if (entry.isDirectory()) {
        // The build manifest is for the bundle check, not for browsers.
        if (entry.name !== '.vite') walk(file);
        continue;
      }
      const path = relative(dir, file).split(sep).join('/');
      assets.set(`${CONSOLE_PATH}/${path}`, {
        type: TYPES[extname(file)] ?? 'application/octet-stream',
        body: readFileSync(file),
        immutable: path.startsWith('assets/'),
      });
    }
  };
  walk(dir);
  return assets;
}

function send(ctx: HttpContext, asset: Asset): void {
  ctx.type = asset.type;
  ctx.set('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  ctx.vary('Accept-Encoding');
  if (asset.body.length > 1024 && ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
    asset.gzip ??= gzipSync(asset.body);
    ctx.set('Content-Encoding', 'gzip');
    ctx.body = asset.gzip;
    return;
  }
  ctx.body = asset.body;
}

/**
 * GET routes of the teachers' console, a single-page app: its built files by exact path, and its
 * index page for every other path under /console without a file extension (the app's own routes,
 * such as /console/kb). Files are read on the first request and kept in memory; a request path is
 * only ever looked up in that map, so there is nothing to traverse. Without a build, /console
 * answers 404 NOT_FOUND saying how to build it.
 */
export function consoleRoutes(dir: string | undefined = consoleDistDir()): Record<string, HttpMiddleware> {
  let assets: Map<string, Asset> | undefined;
  const serve: HttpMiddleware = (ctx) => {
    if (!dir || !existsSync(join(dir, 'index.html'))) throw new ChatError('NOT_FOUND', 'the console is not built; run pnpm build');
    assets ??= readAssets(dir);
    const asset = assets.get(ctx.path) ?? (extname(ctx.path) === '' ? assets.get(`${CONSOLE_PATH}/index.html`) : undefined);
    if (!asset) throw new ChatError('NOT_FOUND', `no console file at ${ctx.path}`);
    send(ctx, asset);
  };
  // The router matches /console and /console/ alike; the page's relative routes need the slash.
  const root: HttpMiddleware = (ctx, next) => (ctx.path === CONSOLE_PATH ? ctx.redirect(`${CONSOLE_PATH}/`) : serve(ctx, next));
  return { [CONSOLE_PATH]: root, [`${CONSOLE_PATH}/{*rest}`]: serve };
}
