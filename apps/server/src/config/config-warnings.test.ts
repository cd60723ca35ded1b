import { describe, expect, it } from 'vitest';
import { configWarnings, likelyMeant } from './config-warnings.js';
import { configSchema, ConfigError, loadConfig } from './config.js';

const known = Object.keys(configSchema.shape);

describe('configWarnings', () => {
  it('names the setting a misspelled variable was probably meant as', () => {
    expect(configWarnings({ MODERATON: 'words' }, known)).toEqual(['MODERATON is not an mpchat setting and is ignored; did you mean MODERATION?']);
    expect(likelyMeant('SESION_IDLE_TTL', known)).toBe('SESSION_IDLE_TTL');
    expect(likelyMeant('GENERATION_CONCURENCY', known)).toBe('GENERATION_CONCURRENCY');
    expect(likelyMeant('admin_token', known)).toBe('ADMIN_TOKEN');
  });

  it('leaves our own names, far-off names and the usual system variables alone', () => {
    const env = { MODERATION: 'words', HOME: '/root', HOSTNAME: 'vm', PATH: '/bin', SHELL: '/bin/sh', NODE_OPTIONS: '', PWD: '/', USER: 'x', LANG: 'C' };
    expect(configWarnings(env, known)).toEqual([]);
  });

  it('warns about a bare small number where minutes are meant, not about one with a unit', () => {
    expect(configWarnings({ SESSION_IDLE_TTL: '30' }, known)).toEqual([
      'SESSION_IDLE_TTL=30 means 30 seconds; write 30m for minutes (or 30s to keep seconds and silence this warning)',
    ]);
    expect(configWarnings({ SESSION_IDLE_TTL: '30s', TOMBSTONE_TTL: '86400', AUTH_TOKEN_TTL: '2h' }, known)).toEqual([]);
  });
});

describe('loadConfig: secrets in errors', () => {
  it.each([
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET must be at least 32 bytes (got a value of 5 characters)'],
    [{ AUTH_SECRET: 'x'.repeat(40), AUTH_SECRET_PREVIOUS: 'hunter2' }, 'AUTH_SECRET_PREVIOUS must be at least 32 bytes (got a value of 7 characters)'],
    [{ ADMIN_TOKEN: 'tooshort' }, 'ADMIN_TOKEN must be at least 16 characters (e.g. openssl rand -hex 16) (got a value of 8 characters)'],
  ])('quotes %j by its length only', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
    for (const value of Object.values(env)) expect(() => loadConfig(env)).not.toThrow(value);
  });

  it('masks the password of a bad MYSQL_URL', () => {
    expect(() => loadConfig({ STORE: 'mysql', MYSQL_URL: 'mysql://root:S3cret@db:3306' })).toThrow(/\(got "mysql:\/\/root:\*\*\*@db:3306"\)$/);
  });
});

describe('loadConfig: defaults that depend on other settings', () => {
  it('generates replies of the kb engine all at once, and queues LLM ones', () => {
    expect(loadConfig({}).GENERATION_CONCURRENCY).toBe(128);
    expect(loadConfig({ ENGINE: 'openai', LLM_BASE_URL: 'http://llm:8000/v1', LLM_API_KEY: 'k', LLM_MODEL: 'm' }).GENERATION_CONCURRENCY).toBe(16);
    expect(loadConfig({ GENERATION_CONCURRENCY: '40' }).GENERATION_CONCURRENCY).toBe(40);
  });

  it('turns the playground off in production unless asked for', () => {
    expect(loadConfig({}).PLAYGROUND).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).PLAYGROUND).toBe(false);
    expect(loadConfig({ DEPLOY_TARGET: 'any' }).PLAYGROUND).toBe(false);
    expect(loadConfig({ DEPLOY_TARGET: 'wxcloudrun', STORE: 'mysql', MYSQL_URL: 'mysql://u@h/db' }).PLAYGROUND).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PLAYGROUND: 'true' }).PLAYGROUND).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).PLAYGROUND).toBe(true);
  });
});
