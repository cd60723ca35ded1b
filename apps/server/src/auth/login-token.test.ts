import { decodeJwt, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChatError } from '../errors/chat-error.js';
import { authSettings } from '../config/auth-settings.js';
import { LoginTokens } from './login-token.js';

const SECRET = 'a-test-secret-that-is-long-enough-32b';

async function rejection(p: Promise<unknown>): Promise<ChatError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChatError);
  expect((err as ChatError).code).toBe('UNAUTHENTICATED');
  expect((err as ChatError).status).toBe(401);
  return err as ChatError;
}

describe('LoginTokens', () => {
  it('round-trips the openid and unionid, and never carries session_key', async () => {
    const tokens = new LoginTokens({ secret: SECRET, ttlMs: 3_600_000 });
    const { token, expiresIn } = await tokens.issue({ openid: 'o-1', unionid: 'u-1' });
    expect(expiresIn).toBe(3600);
    expect(await tokens.verify(token)).toEqual({ openid: 'o-1', unionid: 'u-1' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'o-1', unionid: 'u-1', iss: 'mpchat' });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(JSON.stringify(claims)).not.toContain('session');
    expect(await tokens.verify((await tokens.issue({ openid: 'o-2' })).token)).toEqual({ openid: 'o-2' });
  });

  it('refuses an expired token with a message saying so', async () => {
    let now = Date.UTC(2026, 0, 1);
    const tokens = new LoginTokens({ secret: SECRET, ttlMs: 60_000, now: () => now });
    const { token } = await tokens.issue({ openid: 'o-1' });
    now += 59_000;
    expect((await tokens.verify(token)).openid).toBe('o-1');
    now += 2_000;
    expect((await rejection(tokens.verify(token))).message).toBe('[auth] login token expired; log in again (UNAUTHENTICATED)');
  });

  it('refuses tokens signed with another secret, tampered with, unsigned or not JWTs', async () => {
    const tokens = new LoginTokens({ secret: SECRET, ttlMs: 60_000 });
    const other = new LoginTokens({ secret: `${SECRET}-other`, ttlMs: 60_000 });
    const forged = (await other.issue({ openid: 'o-1' })).token;
    const [h, , s] = (await tokens.issue({ openid: 'o-1' })).token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'o-admin', exp: 9e9, iss: 'mpchat', aud: 'mpchat-login' })).toString('base64url')}.${s}`;
    const unsigned = new UnsecuredJWT({}).setSubject('o-1').setIssuer('mpchat').setAudience('mpchat-login').setExpirationTime('1h').encode();
    for (const bad of [forged, tampered, unsigned, 'not-a-jwt', '']) {
      expect((await rejection(tokens.verify(bad))).message).toBe('[auth] login token is invalid; log in again (UNAUTHENTICATED)');
    }
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new LoginTokens({ secret: 'short', ttlMs: 1 })).toThrow('[auth] AUTH_SECRET must be at least 32 bytes');
    const schema = z.object(authSettings);
    expect(schema.safeParse({ AUTH_SECRET: 'short' }).success).toBe(false);
    expect(schema.parse({})).toEqual({ AUTH: 'none', AUTH_WX_HEADERS_TRUSTED: false, AUTH_TOKEN_TTL: 7_200_000 });
    expect(schema.safeParse({ AUTH: 'oauth' }).success).toBe(false);
  });
});
