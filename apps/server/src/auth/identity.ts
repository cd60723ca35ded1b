/**
 * Who is calling. `wx`: a WeChat user, known by their openid (from a login token or the trusted
 * `X-WX-OPENID` header of 微信云托管). `anonymous`: `AUTH=none`, known only by the client address
 * (after `TRUST_PROXY`), which many users behind one NAT may share.
 */
export type Identity = { kind: 'wx'; openid: string; unionid?: string } | { kind: 'anonymous'; clientAddress: string };

/**
 * The key per-client limits and ownership use: `wx:<openid>` when the user is known, else
 * `addr:<address>`. The prefix keeps an openid from ever colliding with an address.
 */
export type ClientKey = `wx:${string}` | `addr:${string}`;

/**
 * The {@link ClientKey} of an identity.
 *
 * @example
 * clientKeyOf({ kind: 'wx', openid: 'o-1' }); // 'wx:o-1'
 * clientKeyOf({ kind: 'anonymous', clientAddress: '10.0.0.7' }); // 'addr:10.0.0.7'
 */
export function clientKeyOf(identity: Identity): ClientKey {
  return identity.kind === 'wx' ? `wx:${identity.openid}` : `addr:${identity.clientAddress}`;
}

/**
 * Reads a stored {@link ClientKey} (a session's `owner`) back: a WeChat user and their openid, or
 * an address. Undefined for anything else (no owner, or a key this version does not know).
 *
 * @example
 * parseClientKey('wx:o-1'); // { kind: 'wx', openid: 'o-1' }
 * parseClientKey('addr:10.0.0.7'); // { kind: 'addr', address: '10.0.0.7' }
 */
export function parseClientKey(key: string | null | undefined): { kind: 'wx'; openid: string } | { kind: 'addr'; address: string } | undefined {
  if (key?.startsWith('wx:')) return { kind: 'wx', openid: key.slice(3) };
  if (key?.startsWith('addr:')) return { kind: 'addr', address: key.slice(5) };
  return undefined;
}

/** The openid of an identity, when known (msgSecCheck needs it). */
export function openidOf(identity: Identity): string | undefined {
  return identity.kind === 'wx' ? identity.openid : undefined;
}

/** Request headers as Node gives them (lower-case names). */
export type RequestHeaders = Record<string, string | string[] | undefined>;
