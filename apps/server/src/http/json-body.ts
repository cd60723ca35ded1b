import bodyParser from 'koa-bodyparser';
import type { Middleware } from 'koa';
import { ChatError } from '../chat/chat-error.js';

/**
 * Parses JSON bodies of POST requests, refusing other content types (415) and bodies over
 * `limitBytes` (413). Parser errors propagate to the error boundary, which maps them.
 */
export function jsonBody(limitBytes: number): Middleware {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: `${limitBytes}b`,
    strict: false,
    onerror: (err) => {
      throw err;
    },
  });
  return async (ctx, next) => {
    if (ctx.method !== 'POST') return next();
    if (!ctx.is('application/json')) {
      throw new ChatError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', {
        issues: [{ location: 'body', path: '', message: `Content-Type must be application/json (got ${ctx.get('Content-Type') || 'none'})` }],
      });
    }
    return parse(ctx, next);
  };
}
