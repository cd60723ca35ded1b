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
