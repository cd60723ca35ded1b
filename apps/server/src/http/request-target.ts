import { ChatError } from '../errors/chat-error.js';
import type { HttpContext } from './http-state.js';

/** The request's path, or undefined when its target is not a URL Koa can parse (e.g. `http://[`). */
export function requestPath(ctx: HttpContext): string | undefined {
  try {
    return ctx.path;
  } catch {
    return undefined;
  }
}

/** The error a request target that is not a valid URL answers with (HTTP and WebSocket upgrade). */
export function badRequestTarget(): ChatError {
  return new ChatError('INVALID_ARGUMENT', 'the request target is not a valid URL path', {
    issues: [{ location: 'query', path: '', message: 'the request target is not a valid URL path' }],
  });
}
