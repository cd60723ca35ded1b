import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors/chat-error.js';
import { clientKeyOf } from './identity.js';
import { LoginTokens } from './login-token.js';
import { createIdentityResolver } from './resolve-identity.js';

const tokens = new LoginTokens({ secret: 'a-test-secret-that-is-long-enough-32b', ttlMs: 60_000 });
const bearer = async (openid: string) => `Bearer ${(await tokens.issue({ openid })).token}`;

async function unauthenticated(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChatError);
  expect((err as ChatError).code).toBe('UNAUTHENTICATED');
  return (err as ChatError).message;
}

describe('resolving the caller', () => {
  it('AUTH=none: everyone is anonymous by address, whatever headers say', async () => {
    const resolve = createIdentityResolver({ mode: 'none' });
    const id = await resolve({ 'x-wx-openid': 'o-spoofed', authorization: await bearer('o-1') }, '10.0.0.7');
    expect(id).toEqual({ kind: 'anonymous', clientAddress: '10.0.0.7' });
    expect(clientKeyOf(id)).toBe('addr:10.0.0.7');
  });

  it('AUTH=wx-login: a valid Bearer token is the user; X-WX-OPENID is not trusted', async () => {
    const resolve = createIdentityResolver({ mode: 'wx-login', tokens });
    const id = await resolve({ authorization: await bearer('o-1'), 'x-wx-openid': 'o-spoofed' }, '10.0.0.7');
    expect(id).toEqual({ kind: 'wx', openid: 'o-1' });
    expect(clientKeyOf(id)).toBe('wx:o-1');
    expect(await unauthenticated(resolve({ 'x-wx-openid': 'o-spoofed' }, '10.0.0.7'))).toBe(
      '[auth] missing Authorization: Bearer <token>; log in first (UNAUTHENTICATED)',
    );
    expect(await unauthenticated(resolve({ authorization: 'Basic abc' }, '1'))).toContain('must be "Bearer <token>"');
    expect(await unauthenticated(resolve({ authorization: 'Bearer garbage' }, '1'))).toContain('invalid');
  });

  it('AUTH=wx-login needs login tokens', () => {
    expect(() => createIdentityResolver({ mode: 'wx-login' })).toThrow('AUTH_SECRET');
  });

  it('AUTH=wx-cloud: trusts X-WX-OPENID, falls back to a Bearer token, refuses neither', async () => {
    const resolve = createIdentityResolver({ mode: 'wx-cloud', tokens });
    expect(await resolve({ 'x-wx-openid': 'o-cloud', 'x-wx-unionid': 'u-cloud', 'x-wx-source': 'wx_client' }, '1')).toEqual({ kind: 'wx', openid: 'o-cloud', unionid: 'u-cloud' });
    expect(await resolve({ authorization: await bearer('o-ios') }, '1')).toEqual({ kind: 'wx', openid: 'o-ios' });
    expect(await unauthenticated(resolve({ 'x-wx-openid': '  ' }, '1'))).toContain('missing X-WX-OPENID');
    const noTokens = createIdentityResolver({ mode: 'wx-cloud' });
    expect(await unauthenticated(noTokens({ authorization: await bearer('o-ios') }, '1'))).toContain('missing X-WX-OPENID');
  });
});
