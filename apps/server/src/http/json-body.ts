import bodyParser from 'koa-bodyparser';
import { ChatError } from '../chat/chat-error.js';
import type { HttpMiddleware } from './http-state.js';

/**
 * Maps an error of the body parser (co-body / raw-body carry `status` and `type`) to a ChatError,
 * here where the body is parsed, so the error boundary never learns the parser's internals.
 */
export function bodyParserError(err: unknown): ChatError {
  const e = err as { status?: unknown; type?: unknown };
  if (e.status === 413 || e.type === 'entity.too.large') {
    return new ChatError('PAYLOAD_TOO_LARGE', 'request body too large', { cause: err });
  }
  if (e.status === 415 || e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return new ChatError('UNSUPPORTED_MEDIA_TYPE', 'unsupported body encoding; send UTF-8 JSON', { cause: err });
  }
  return new ChatError('INVALID_ARGUMENT', 'request body is not valid JSON', {
    issues: [{ location: 'body', path: '', message: 'body is not valid JSON' }],
    cause: err,
  });
}

/**
 * Parses JSON bodies of POST requests, refusing other content types (415) and bodies over
 * `limitBytes` (413). Parser errors become ChatErrors here; errors of later middleware pass untouched.
 */
export function jsonBody(limitBytes: number, skip: (path: string) => boolean = () => false): HttpMiddleware {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: `${limitBytes}b`,
    strict: false,
    onerror: (err) => {
      throw err;
    },
  });
  return async (ctx, next) => {
    if ((ctx.method !== 'POST' && ctx.method !== 'PUT') || skip(ctx.path)) return next();
    if (!ctx.is('application/json')) {
      throw new ChatError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', {
        issues: [{ location: 'body', path: '', message: `Content-Type must be application/json (got ${ctx.get('Content-Type') || 'none'})` }],
      });
    }
    // co-body would decode UTF-16 or guess at an unknown charset; the API speaks UTF-8 JSON only.
    const charset = ctx.request.charset.toLowerCase();
    if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8') {
      throw new ChatError('UNSUPPORTED_MEDIA_TYPE', `unsupported charset ${JSON.stringify(charset)}; send UTF-8 JSON`, {
        issues: [{ location: 'body', path: '', message: 'Content-Type charset must be utf-8' }],
      });
    }
    let parsed = false;
    try {
      await parse(ctx, () => {
        parsed = true;
        return next();
      });
    } catch (err) {
      throw parsed || err instanceof ChatError ? err : bodyParserError(err);
    }
  };
}
