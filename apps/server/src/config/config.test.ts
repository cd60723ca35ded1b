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

  it('accepts MySQL on 微信云托管, with or without Redis', () => {
    const c = loadConfig({ DEPLOY_TARGET: 'wxcloudrun', STORE: 'mysql', MYSQL_URL: 'mysql://mpchat:pw@10.0.0.5:3306/mpchat' });
    expect(c).toMatchObject({ STORE: 'mysql', MYSQL_CONNECTIONS: 10 });
    expect(c.REDIS_URL).toBeUndefined();
    expect(loadConfig({ STORE: 'mysql', MYSQL_URL: 'mysql://u@h/db', REDIS_URL: 'redis://r:6379' }).REDIS_URL).toBe('redis://r:6379');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8080);
  });

  it.each([
    [{ PORT: '70000' }, /^PORT must be at most 65535 \(got "70000"\)$/],
    [{ PORT: 'http' }, /^PORT must be a whole number/],
    [{ STORE: 'postgres' }, /^STORE must be sqlite, memory, redis or mysql/],
    [{ STORE: 'mysql' }, /^MYSQL_URL is required with STORE=mysql/],
    [{ STORE: 'mysql', MYSQL_URL: 'mysql://root@db:3306' }, /^MYSQL_URL must be a mysql:\/\/user:pass@host:3306\/database URL/],
    [{ DEPLOY_TARGET: 'wxcloudrun' }, /^STORE=sqlite loses data on 微信云托管 \(no persistent disk\): set STORE=mysql and MYSQL_URL$/],
    [{ DEPLOY_TARGET: 'wxcloudrun', STORE: 'memory' }, /^STORE=memory loses data on 微信云托管/],
    [{ DEPLOY_TARGET: 'tcb' }, /^DEPLOY_TARGET must be any or wxcloudrun/],
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
