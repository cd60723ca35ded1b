import { z } from 'zod';
import { durationSchema } from './duration.js';
import { MIN_SECRET_BYTES } from '../auth/login-token.js';

const secret = z
  .string()
  .refine((s) => new TextEncoder().encode(s).byteLength >= MIN_SECRET_BYTES, { error: `must be at least ${MIN_SECRET_BYTES} bytes` });

/**
 * The identity settings as a zod fragment for the config schema. `AUTH_SECRET` is required when
 * `AUTH=wx-login` (the integrator's cross-field check), optional for `wx-cloud` (Bearer fallback).
 */
export const authSettings = {
  /** `none` (default, spec clients unchanged) | `wx-login` | `wx-cloud`. */
  AUTH: z.enum(['none', 'wx-login', 'wx-cloud'], { error: 'must be none, wx-login or wx-cloud' }).default('none'),
  /** HS256 key of login tokens; at least 32 bytes. Same on every instance. */
  AUTH_SECRET: secret.optional(),
  /**
   * During a key rotation, a second key whose tokens are still accepted (never used to sign), so
   * instances on the old and the new key accept each other's tokens while they are replaced.
   */
  AUTH_SECRET_PREVIOUS: secret.optional(),
  /**
   * `AUTH=wx-cloud` outside `DEPLOY_TARGET=wxcloudrun`: the operator vouches that only a gateway
   * which strips and sets `X-WX-*` itself can reach the port (anyone else could forge them).
   */
  AUTH_WX_HEADERS_TRUSTED: z.string().trim().pipe(z.stringbool({ error: 'must be true or false' })).default(false),
  /** Lifetime of a login token (default 2 h, WeChat's own access-token lifetime); the SDK logs in again on 401. */
  AUTH_TOKEN_TTL: durationSchema('s').default(2 * 3_600_000),
};
