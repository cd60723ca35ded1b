import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';
import { STORES } from './stores.js';

const run = promisify(execFile);
const spec = readFileSync(new URL('../../../docs/spec/API.md', import.meta.url), 'utf8');
const curls = [...spec.matchAll(/```shell\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** The spec's curl command as argv, with the host replaced by the test server. */
function argv(block: string, base: string): string[] {
  const method = /-X (\w+)/.exec(block)![1]!;
  const header = /-H "([^"]+)"/.exec(block)![1]!;
  const body = /-d '([\s\S]*?)'/.exec(block)?.[1];
  const url = /"?(https:\/\/api\.example\.com[^\s"]+)"?/.exec(block)![1]!.replace('https://api.example.com', base);
  return ['-sS', '-X', method, '-H', header, ...(body !== undefined ? ['-d', body] : []), url];
}

describe.each(STORES)('the spec curl examples verbatim (%s store)', (_name, makeStore) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: await makeStore() });
  });
  afterAll(() => server.close());

  const curl = async (i: number) => JSON.parse((await run('curl', argv(curls[i]!, server.url))).stdout);

  it('send → receive (100 then 200) → destroy', async () => {
    expect(await curl(0)).toEqual({ code: 200, message: 'ok', data: { seq: 1 } });
    let received = await curl(1);
    const seen = new Set<number>([received.code]);
    for (let i = 0; received.code === 100 && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 10));
      received = await curl(1);
      seen.add(received.code);
    }
    expect(received.code).toBe(200);
    expect(received.message).toBe('ok');
    expect(received.data).toMatchObject({
      sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6',
      content: '答复：请问BGP协议实验ping不通怎么办?',
      seq: 1,
      status: 'completed',
    });
    expect(received.data.timestamp).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await curl(2)).toEqual({ code: 200, message: 'session closed' });
    expect(await curl(2)).toEqual({ code: 200, message: 'session already closed' });
    const after = await curl(1);
    expect(after).toMatchObject({ code: 410, error: 'SESSION_CLOSED', data: {} });
  });
});
