import type { Adapter } from '../adapters/adapter.js';
import { ChatError } from '../chat-error.js';
import { readAnswer } from '../http-api.js';

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
