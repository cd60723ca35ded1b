import type { Adapter } from '../adapters/adapter.js';
import { ChatError } from '../chat-error.js';
import { readAnswer } from '../http-api.js';

/**
 * The login token the client sends as `Authorization: Bearer …` (server `AUTH=wx-login`). One
 * login at a time: concurrent requests share it, and a 401 renews it once for all of them.
 */
export interface TokenSource {
  /** The token, logging in when there is none. */
  get(): Promise<string>;
  /** The token in hand (sockets open synchronously), if any. */
  value: string | undefined;
  /** `stale` was refused (401): the next {@link TokenSource.get} logs in again, unless another request already did. */
  renew(stale: string): void;
}

/** A {@link TokenSource} over `fetchToken` (`renew`: the last token was refused). */
export function tokenSource(fetchToken: (renew: boolean) => Promise<string>): TokenSource {
  let pending: Promise<string> | undefined;
  let renewing = false;
  const src: TokenSource = {
    value: undefined,
    get: () =>
      pending ||
      (pending = fetchToken(renewing).then(
        (t) => (src.value = t),
        (err: unknown) => {
          pending = undefined;
          throw err;
        },
      )),
    renew(stale) {
      if (src.value !== stale) return;
      src.value = pending = undefined;
      renewing = true;
    },
  };
  return src;
}

/**
 * `auth: 'wx-login'`: a code from `wx.login` (the adapter's `login`), exchanged at the server's
 * `POST …/login` for a token. Errors are the server's (400 bad code, 429, 403, 503).
 */
export function wxLoginToken(adapter: Adapter, loginUrl: string, timeoutMs: number): () => Promise<string> {
  return () => {
    if (!adapter.login) return Promise.reject(new ChatError('INVALID_ARGUMENT', "auth 'wx-login' needs an adapter with wx.login", { status: 400 }));
    return adapter.login().then(
      (code) =>
        new Promise<string>((resolve, reject) =>
          adapter.request({ method: 'POST', url: loginUrl, body: JSON.stringify({ code }), timeoutMs }, (o) => {
            const a = o.ok ? readAnswer(o.status, o.body, o.retryAfter) : new ChatError('NETWORK_ERROR', `login: ${o.message}`, { retryable: true });
            if (a instanceof ChatError) reject(a);
            else resolve(String((a.data as { token: string }).token));
          }),
        ),
    );
  };
}
