import { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyUpstreamError, retryAfter, TruncatedStreamError } from './upstream-errors.js';

const statusError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: 'provider detail' } }, undefined, new Headers(headers));

describe('classifyUpstreamError', () => {
  it.each([
    [statusError(429), 'RATE_LIMITED', true],
    [statusError(500), 'UPSTREAM_ERROR', true],
    [statusError(503), 'UPSTREAM_ERROR', true],
    [statusError(408), 'UPSTREAM_ERROR', true],
    [statusError(400), 'UPSTREAM_ERROR', false],
    [statusError(401), 'UPSTREAM_ERROR', false],
    [statusError(404), 'UPSTREAM_ERROR', false],
    [new APIConnectionError({ message: 'Connection error.' }), 'UPSTREAM_ERROR', true],
    [new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), 'UPSTREAM_ERROR', true],
    [new TruncatedStreamError(), 'UPSTREAM_ERROR', true],
    [new SyntaxError('Unexpected token'), 'UPSTREAM_ERROR', false],
    [new Error('something else'), 'UPSTREAM_ERROR', false],
  ])('%s → %s (retryable: %s), without the provider text', (err, code, retryable) => {
    const failure = classifyUpstreamError(err);
    expect(failure.error.code).toBe(code);
    expect(failure.retryable).toBe(retryable);
    expect(failure.error.message).not.toContain('provider detail');
    expect(failure.error.cause).toBe(err);
  });

  it('carries the Retry-After hint of a 429', () => {
    expect(classifyUpstreamError(statusError(429, { 'retry-after': '2' })).retryAfterMs).toBe(2000);
  });
});

describe('retryAfter', () => {
  it('reads retry-after-ms, then retry-after as seconds or an HTTP date', () => {
    expect(retryAfter(new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }))).toBe(150);
    expect(retryAfter(new Headers({ 'retry-after': '1.5' }))).toBe(1500);
    const date = retryAfter(new Headers({ 'retry-after': new Date(Date.now() + 10_000).toUTCString() }))!;
    expect(date).toBeGreaterThan(8_000);
    expect(date).toBeLessThanOrEqual(10_000);
    expect(retryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfter(undefined)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, caps, jitters down by at most 25 %, and prefers the hint', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const full = Math.min(8_000, 500 * 2 ** attempt);
      const d = backoffDelay(attempt, 500, 8_000);
      expect(d).toBeGreaterThanOrEqual(full * 0.75);
      expect(d).toBeLessThanOrEqual(full);
    }
    expect(backoffDelay(3, 500, 8_000, 42)).toBe(42);
  });
});
