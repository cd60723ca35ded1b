import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ChatError } from '../errors/chat-error.js';

/** Options of {@link LoginTokens}. */
export interface LoginTokensOptions {
  /** `AUTH_SECRET`: at least 32 bytes (HS256 wants a key as long as its hash). */
  secret: string;
  /** `AUTH_SECRET_PREVIOUS`: tokens signed with it still verify (a rotation in progress); never signs. */
  previousSecret?: string;
  /** Lifetime of a token in milliseconds (`AUTH_TOKEN_TTL`). */
  ttlMs: number;
  now?: () => number;
}

/** A signed login token and its lifetime in seconds, as the login endpoint answers them. */
export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/** What a verified token says. `session_key` is never in it. */
export interface TokenClaims {
  openid: string;
  unionid?: string;
}

const ISSUER = 'mpchat';
const AUDIENCE = 'mpchat-login';

/** The minimum `AUTH_SECRET` length in bytes. */
export const MIN_SECRET_BYTES = 32;

/**
 * Short-lived login tokens (JWT, HS256, via `jose`) carrying the openid as `sub` and the unionid
 * when WeChat gave one. Stateless: any instance with the same `AUTH_SECRET` verifies them.
 *
 * @example
 * const tokens = new LoginTokens({ secret: process.env.AUTH_SECRET!, ttlMs: 3_600_000 });
 * const { token, expiresIn } = await tokens.issue({ openid });
 * const { openid } = await tokens.verify(token); // or ChatError 401 UNAUTHENTICATED
 */
export class LoginTokens {
  private readonly key: Uint8Array;
  /** Keys a token may be signed with: the current one first. */
  private readonly verifyKeys: Uint8Array[];
  private readonly now: () => number;

  constructor(private readonly options: LoginTokensOptions) {
    this.key = signingKey(options.secret, 'AUTH_SECRET');
    this.verifyKeys = [this.key, ...(options.previousSecret ? [signingKey(options.previousSecret, 'AUTH_SECRET_PREVIOUS')] : [])];
    this.now = options.now ?? Date.now;
  }

  /** Signs a token for a user. */
  async issue(claims: TokenClaims): Promise<IssuedToken> {
    const nowSec = Math.floor(this.now() / 1000);
    const expiresIn = Math.max(1, Math.floor(this.options.ttlMs / 1000));
    const token = await new SignJWT(claims.unionid === undefined ? {} : { unionid: claims.unionid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.openid)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(nowSec)
      .setExpirationTime(nowSec + expiresIn)
      .sign(this.key);
    return { token, expiresIn };
  }

  /** Verifies a token; throws ChatError 401 `UNAUTHENTICATED` saying whether it expired or is bad. */
  async verify(token: string): Promise<TokenClaims> {
    try {
      const payload = await this.verifyWithAnyKey(token);
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new errors.JWTInvalid('no subject');
      return { openid: payload.sub, ...(typeof payload.unionid === 'string' ? { unionid: payload.unionid } : {}) };
    } catch (err) {
      if (err instanceof errors.JWTExpired) {
        throw new ChatError('UNAUTHENTICATED', '[auth] login token expired; log in again (UNAUTHENTICATED)', { cause: err });
      }
      throw new ChatError('UNAUTHENTICATED', '[auth] login token is invalid; log in again (UNAUTHENTICATED)', { cause: err });
    }
  }

  /** The payload under the first key whose signature matches; other failures (expiry, claims) are final. */
  private async verifyWithAnyKey(token: string): Promise<JWTPayload> {
    const options = { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, currentDate: new Date(this.now()), requiredClaims: ['sub', 'exp'] };
    for (const [i, key] of this.verifyKeys.entries()) {
      try {
        return (await jwtVerify(token, key, options)).payload;
      } catch (err) {
        if (!(err instanceof errors.JWSSignatureVerificationFailed) || i === this.verifyKeys.length - 1) throw err;
      }
    }
    throw new errors.JWTInvalid('no key');
  }
}

function signingKey(secret: string, name: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.byteLength < MIN_SECRET_BYTES) throw new Error(`[auth] ${name} must be at least ${MIN_SECRET_BYTES} bytes`);
  return key;
}
