import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8080,
      STORE: 'sqlite',
      SQLITE_PATH: './data/mpchat.db',
      ENGINE: 'kb',
      TIMEZONE: 'Asia/Shanghai',
      SESSION_IDLE_TTL: 30 * 60_000,
      MAX_BODY_BYTES: 16384,
      MAX_CONTENT_LENGTH: 2000,
      RETAIN_TRANSCRIPTS: false,
    });
    expect(c.KB_DIR).toMatch(/kb\/?$/);
  });

  it('parses durations, booleans and numbers', () => {
    const c = loadConfig({ SESSION_IDLE_TTL: '90s', GENERATION_TIMEOUT: '2m', RETAIN_TRANSCRIPTS: 'yes', PORT: '0', SHUTDOWN_GRACE: '1500ms' });
    expect(c.SESSION_IDLE_TTL).toBe(90_000);
    expect(c.GENERATION_TIMEOUT).toBe(120_000);
    expect(c.RETAIN_TRANSCRIPTS).toBe(true);
    expect(c.PORT).toBe(0);
    expect(c.SHUTDOWN_GRACE).toBe(1500);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8080);
  });

  it.each([
    [{ PORT: '70000' }, /^PORT must be at most 65535 \(got "70000"\)$/],
    [{ PORT: 'http' }, /^PORT must be a whole number/],
    [{ STORE: 'mysql' }, /^STORE must be sqlite, memory or redis/],
    [{ TIMEZONE: 'Beijing' }, /^TIMEZONE must be an IANA time zone/],
    [{ SESSION_IDLE_TTL: 'half an hour' }, /^SESSION_IDLE_TTL must be a duration/],
    [{ RETAIN_TRANSCRIPTS: 'maybe' }, /^RETAIN_TRANSCRIPTS must be true or false/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be a redis:\/\//],
    [{ MAX_CONTENT_LENGTH: '0' }, /^MAX_CONTENT_LENGTH must be at least 1/],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
