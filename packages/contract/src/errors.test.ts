import { describe, expect, it } from 'vitest';
import { ERRORS, ERROR_CODES, isErrorCode } from './errors.js';

describe('the error table', () => {
  it('maps every code to an HTTP error status', () => {
    for (const code of ERROR_CODES) {
      expect(ERRORS[code].status).toBeGreaterThanOrEqual(400);
      expect(ERRORS[code].status).toBeLessThan(600);
    }
  });

  it('pins the statuses clients rely on', () => {
    expect(ERRORS.INVALID_ARGUMENT.status).toBe(400);
    expect(ERRORS.SESSION_NOT_FOUND.status).toBe(404);
    expect(ERRORS.SESSION_CLOSED.status).toBe(410);
    expect(ERRORS.PAYLOAD_TOO_LARGE.status).toBe(413);
    expect(ERRORS.BUSY.status).toBe(429);
    expect(ERRORS.STORE_UNAVAILABLE.status).toBe(503);
    expect(ERRORS.UPSTREAM_TIMEOUT.status).toBe(504);
  });

  it('marks only transient failures retryable', () => {
    expect(ERRORS.BUSY.retryable).toBe(true);
    expect(ERRORS.STORE_UNAVAILABLE.retryable).toBe(true);
    expect(ERRORS.INVALID_ARGUMENT.retryable).toBe(false);
    expect(ERRORS.SESSION_CLOSED.retryable).toBe(false);
    for (const code of ERROR_CODES) {
      const { status, retryable } = ERRORS[code];
      if (status >= 400 && status < 500 && status !== 429) expect(retryable, code).toBe(false);
    }
  });

  it('says what each error ends: only the session codes end the session, only reply failures a turn', () => {
    const scope = (ends: string) => ERROR_CODES.filter((c) => ERRORS[c].ends === ends);
    expect(scope('session')).toEqual(['SESSION_NOT_FOUND', 'SESSION_CLOSED']);
    expect(scope('turn')).toEqual(['RATE_LIMITED', 'GENERATION_FAILED', 'UPSTREAM_ERROR', 'UPSTREAM_TIMEOUT']);
    for (const code of ERROR_CODES) expect(['request', 'turn', 'session'], code).toContain(ERRORS[code].ends);
  });

  it('recognises its own codes only', () => {
    expect(isErrorCode('BUSY')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(429)).toBe(false);
    expect(Object.keys(ERRORS)).toEqual(ERROR_CODES);
  });
});
