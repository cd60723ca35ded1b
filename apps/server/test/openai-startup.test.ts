import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { createEngine } from '../src/engines/create-engine.js';
import { startFakeUpstream, streamReply, type FakeUpstream } from '../src/engines/openai/testing/fake-upstream.js';
import { spawnServer } from '@mpchat/testkit';
import { newSessionId, post, receiveFinal, ts } from '../src/testing/test-server.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Runs src/main.ts to completion (it exits at once on a bad configuration). */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--conditions=@mpchat/source', '--import', 'tsx', MAIN],
      { env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', STORE: 'memory', ...env }, timeout: 15_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('ENGINE=openai at start-up', () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await startFakeUpstream();
  });
  afterEach(() => fake.close());

  it('refuses to start without LLM_BASE_URL, with one clear line on stderr', async () => {
    const r = await runMain({ ENGINE: 'openai' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('mpchat: invalid configuration: LLM_BASE_URL is required with ENGINE=openai (e.g. https://api.deepseek.com/v1)\n');
  });

  const valid = { ENGINE: 'openai', LLM_BASE_URL: 'https://api.deepseek.com/v1', LLM_API_KEY: 'sk-secret', LLM_MODEL: 'deepseek-chat' };
  it.each([
    [{ LLM_BASE_URL: undefined }, 'LLM_BASE_URL is required with ENGINE=openai (e.g. https://api.deepseek.com/v1)'],
    [{ LLM_API_KEY: undefined }, 'LLM_API_KEY is required with ENGINE=openai (any non-empty value for a local server such as Ollama or vLLM)'],
    [{ LLM_MODEL: ' ' }, 'LLM_MODEL is required with ENGINE=openai (e.g. deepseek-chat, qwen-plus, moonshot-v1-8k)'],
    [{ LLM_BASE_URL: 'ftp://example.com/v1' }, 'LLM_BASE_URL must be an http(s) URL such as https://api.deepseek.com/v1 (got "ftp://example.com/v1")'],
    [
      { LLM_BASE_URL: 'https://api.deepseek.com/v1/chat/completions' },
      'LLM_BASE_URL must be the API root such as https://api.deepseek.com/v1, without /chat/completions (got "https://api.deepseek.com/v1/chat/completions")',
    ],
    [{ LLM_FIRST_TOKEN_TIMEOUT: '0' }, 'LLM_FIRST_TOKEN_TIMEOUT must be more than 0 (got "0")'],
    [{ LLM_FIRST_TOKEN_TIMEOUT: '30s', LLM_TOTAL_TIMEOUT: '10s' }, 'LLM_TOTAL_TIMEOUT must be at least LLM_FIRST_TOKEN_TIMEOUT (30000 ms) (got "10s")'],
    [{ LLM_SYSTEM_PROMPT_FILE: '/nonexistent/prompt.md' }, 'LLM_SYSTEM_PROMPT_FILE: cannot read the system prompt file /nonexistent/prompt.md (ENOENT)'],
  ])('loadConfig or createEngine rejects %j with one line naming the variable', async (override, line) => {
    const env = Object.fromEntries(Object.entries({ ...valid, ...override }).filter((e): e is [string, string] => e[1] !== undefined));
    const err = await Promise.resolve()
      .then(() => createEngine(loadConfig(env), pino({ level: 'silent' })))
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(err?.message).toBe(line);
    expect(err?.message).not.toContain('sk-secret');
  });

  it('starts with valid settings and answers from the configured provider', async () => {
    fake.setDefault(streamReply(['来自', '模型的回答']));
    const server = await spawnServer({ STORE: 'memory', ENGINE: 'openai', LLM_BASE_URL: fake.baseURL, LLM_API_KEY: 'k', LLM_MODEL: 'fake-model' });
    try {
      const sid = newSessionId();
      await post(`${server.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '请问BGP协议实验ping不通怎么办?', timestamp: ts() });
      const r = await receiveFinal(server.url, { sessionId: sid });
      expect(r.body.data.content).toBe('来自模型的回答');
      expect(r.body.data.sources[0]).toEqual({ title: 'BGP实验ping不通怎么办' });
      expect(fake.requests[0]!.body.model).toBe('fake-model');
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  });
});
