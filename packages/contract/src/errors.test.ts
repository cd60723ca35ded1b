import { describe, expect, it } from 'vitest';
import { ERRORS, ERROR_CODES, isErrorCode, isRetryable, statusOf } from './errors.js';

describe('the error table', () => {
  it('maps every code to an HTTP error status', () => {
    for (const code of ERROR_CODES) {
      expect(statusOf(code)).toBeGreaterThanOrEqual(400);
      expect(statusOf(code)).toBeLessThan(600);
    }
  });

  it('pins the statuses clients rely on', () => {
    expect(statusOf('INVALID_ARGUMENT')).toBe(400);
    expect(statusOf('SESSION_NOT_FOUND')).toBe(404);
    expect(statusOf('SESSION_CLOSED')).toBe(410);
    expect(statusOf('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(statusOf('BUSY')).toBe(429);
    expect(statusOf('STORE_UNAVAILABLE')).toBe(503);
    expect(statusOf('UPSTREAM_TIMEOUT')).toBe(504);
  });

  it('marks only transient failures retryable', () => {
    expect(isRetryable('BUSY')).toBe(true);
    expect(isRetryable('STORE_UNAVAILABLE')).toBe(true);
    expect(isRetryable('INVALID_ARGUMENT')).toBe(false);
    expect(isRetryable('SESSION_CLOSED')).toBe(false);
    for (const code of ERROR_CODES) {
      if (statusOf(code) >= 400 && statusOf(code) < 500 && statusOf(code) !== 429) expect(isRetryable(code)).toBe(false);
    }
  });

  it('recognises its own codes only', () => {
    expect(isErrorCode('BUSY')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(429)).toBe(false);
    expect(Object.keys(ERRORS)).toEqual(ERROR_CODES);
  });
});
