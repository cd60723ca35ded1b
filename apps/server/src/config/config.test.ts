import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { chatOptionsFrom } from './chat-options-from.js';
import { ConfigError, loadConfig } from './config.js';
import { adminTokensOf } from './teacher-settings.js';

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
    });
    expect(chatOptionsFrom(c).transcriptRetentionMs).toBe(180 * 86_400_000);
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

  it('reads TRANSCRIPT_RETENTION, with RETAIN_TRANSCRIPTS as its older boolean alias', () => {
    const retention = (env: Record<string, string>) => chatOptionsFrom(loadConfig(env)).transcriptRetentionMs;
    expect(retention({ TRANSCRIPT_RETENTION: '30d' })).toBe(30 * 86_400_000);
    expect(retention({ TRANSCRIPT_RETENTION: '0' })).toBe(0);
    expect(retention({ RETAIN_TRANSCRIPTS: 'false' })).toBe(0);
    expect(retention({ RETAIN_TRANSCRIPTS: 'true' })).toBe(180 * 86_400_000);
    expect(retention({ RETAIN_TRANSCRIPTS: 'false', TRANSCRIPT_RETENTION: '7d' })).toBe(7 * 86_400_000);
  });

  it('names teachers by ADMIN_TOKENS and keeps ADMIN_TOKEN as an unnamed one', () => {
    const c = loadConfig({ ADMIN_TOKENS: 'wang:0123456789abcdef0123, 李老师:fedcba9876543210fedc', ADMIN_TOKEN: 'single-admin-token-0001' });
    expect(adminTokensOf(c)).toEqual([
      { name: 'wang', token: '0123456789abcdef0123' },
      { name: '李老师', token: 'fedcba9876543210fedc' },
      { name: 'admin', token: 'single-admin-token-0001' },
    ]);
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
    [{ TRANSCRIPT_RETENTION: 'forever' }, /^TRANSCRIPT_RETENTION must be a duration/],
    [{ ADMIN_TOKENS: 'wang:short' }, /^ADMIN_TOKENS the token of wang must be at least 16 characters/],
    [{ ADMIN_TOKENS: 'no-colon-0123456789abcdef' }, /^ADMIN_TOKENS must be name:token pairs/],
    [{ ADMIN_TOKENS: 'a:0123456789abcdef0123,a:fedcba9876543210fedc' }, /^ADMIN_TOKENS names and tokens must be unique/],
    [{ PSEUDONYM_KEY: 'short' }, /^PSEUDONYM_KEY must be at least 16 characters/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be a redis:\/\//],
    [{ MAX_CONTENT_LENGTH: '0' }, /^MAX_CONTENT_LENGTH must be at least 1/],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('loadConfig: ENGINE=openai', () => {
  const valid = { ENGINE: 'openai', LLM_BASE_URL: 'https://api.deepseek.com/v1', LLM_API_KEY: 'k', LLM_MODEL: 'm' };

  it('checks the LLM settings in the schema, in the same one-line style', () => {
    expect(() => loadConfig({ ENGINE: 'openai' })).toThrow(new ConfigError('LLM_BASE_URL is required with ENGINE=openai (e.g. https://api.deepseek.com/v1)'));
    expect(() => loadConfig({ ...valid, LLM_TEMPERATURE: '2.5' })).toThrow(/^LLM_TEMPERATURE must be at most 2 \(got "2.5"\)$/);
    expect(() => loadConfig({ ...valid, LLM_TEMPERATURE: 'hot' })).toThrow(/^LLM_TEMPERATURE must be a number from 0 to 2/);
    expect(loadConfig({ ...valid, LLM_TEMPERATURE: '0.7' }).LLM_TEMPERATURE).toBe(0.7);
  });

  it('checks what AUTH=wx-login needs, in the same one-line style (issue #12)', () => {
    const secret = 'x'.repeat(32);
    expect(() => loadConfig({ AUTH: 'wx-login' })).toThrow(/^AUTH_SECRET is required with AUTH=wx-login \(at least 32 random bytes/);
    expect(() => loadConfig({ AUTH: 'wx-login', AUTH_SECRET: secret })).toThrow(/^WX_APPID is required with AUTH=wx-login/);
    expect(() => loadConfig({ AUTH: 'wx-login', AUTH_SECRET: secret, WX_APPID: 'wx1' })).toThrow(/^WX_SECRET is required with AUTH=wx-login/);
    expect(() => loadConfig({ AUTH_SECRET: 'short' })).toThrow(/^AUTH_SECRET must be at least 32 bytes/);
    expect(() => loadConfig({ AUTH: 'oauth' })).toThrow(/^AUTH must be none, wx-login or wx-cloud \(got "oauth"\)$/);
    expect(() => loadConfig({ LIMIT_SOCKETS: '-1' })).toThrow(/^LIMIT_SOCKETS must be a whole number/);
    expect(loadConfig({ AUTH: 'wx-login', AUTH_SECRET: secret, WX_APPID: 'wx1', WX_SECRET: 's' })).toMatchObject({ AUTH: 'wx-login', AUTH_TOKEN_TTL: 7_200_000 });
    expect(loadConfig({ AUTH: 'wx-cloud' })).toMatchObject({ AUTH: 'wx-cloud', LIMIT_MESSAGES_PER_DAY: 500, LIMIT_ADDRESS_FACTOR: 15 });
  });

  it('does not ask for LLM settings with the kb engine', () => {
    expect(loadConfig({}).ENGINE).toBe('kb');
  });

  it('reads booleans the zod stringbool way, any case', () => {
    expect(loadConfig({ METRICS: 'OFF', PLAYGROUND: ' Yes ' })).toMatchObject({ METRICS: false, PLAYGROUND: true });
  });
});

describe('loadConfig: MODERATION', () => {
  it('is off by default, with input allowed and output blocked when a filter cannot answer', () => {
    expect(loadConfig({})).toMatchObject({ MODERATION: [], MODERATION_ON_ERROR: { input: 'allow', output: 'block' }, MODERATION_WECHAT_REVIEW: 'block' });
  });

  it('needs a readable MODERATION_WORDS_FILE with words', () => {
    expect(() => loadConfig({ MODERATION: 'words' })).toThrow(/^MODERATION_WORDS_FILE is required with MODERATION=words/);
    expect(() => loadConfig({ MODERATION: 'words', MODERATION_WORDS_FILE: '/nonexistent/words.txt' })).toThrow(
      'MODERATION_WORDS_FILE cannot be read: /nonexistent/words.txt (got "/nonexistent/words.txt")',
    );
    expect(loadConfig({ MODERATION: 'words', MODERATION_WORDS_FILE: fileURLToPath(import.meta.url) }).MODERATION).toEqual(['words']);
  });

  it('needs WX_APPID and WX_SECRET with wechat, and knows only words and wechat', () => {
    expect(() => loadConfig({ MODERATION: 'wechat' })).toThrow(/^WX_APPID is required with MODERATION=wechat/);
    expect(() => loadConfig({ MODERATION: 'wechat', WX_APPID: 'wx1' })).toThrow(/^WX_SECRET is required/);
    expect(loadConfig({ MODERATION: 'wechat', WX_APPID: 'wx1', WX_SECRET: 's' }).MODERATION).toEqual(['wechat']);
    expect(() => loadConfig({ MODERATION: 'words,regex' })).toThrow(/^MODERATION must be none or a comma list of words, wechat/);
    expect(loadConfig({ MODERATION_ON_ERROR: 'allow' }).MODERATION_ON_ERROR).toEqual({ input: 'allow', output: 'allow' });
  });
});
