import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { destroyRequestSchema } from './destroy.js';
import { receiveQuerySchema } from './receive.js';
import { sendRequestSchema } from './send.js';

// The spec as shipped in docs/spec/API.md (a verbatim copy of the API document).
const spec = readFileSync(new URL('../../../docs/spec/API.md', import.meta.url), 'utf8');

function curlExamples(): { method: string; body?: unknown; url: URL }[] {
  const blocks = [...spec.matchAll(/```shell\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.map((block) => {
    const method = /-X (\w+)/.exec(block)![1]!;
    const body = /-d '([\s\S]*?)'/.exec(block)?.[1];
    const url = /(https:\/\/[^\s"]+)/.exec(block)![1]!;
    return { method, body: body === undefined ? undefined : JSON.parse(body), url: new URL(url) };
  });
}

describe('the spec examples', () => {
  const examples = curlExamples();

  it('finds the three curl examples', () => {
    expect(examples.map((e) => `${e.method} ${e.url.pathname}`)).toEqual([
      'POST /mpweixin/chatbot/send',
      'GET /mpweixin/chatbot/receive',
      'POST /mpweixin/chatbot/destroy',
    ]);
  });

  it('send body parses unchanged', () => {
    const parsed = sendRequestSchema.parse(examples[0]!.body);
    expect(parsed).toEqual({
      sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6',
      content: '请问BGP协议实验ping不通怎么办?',
      timestamp: '2023/11/03 15:30:00',
    });
  });

  it('receive query parses (timestamp with %20 decoded by the URL parser)', () => {
    const query = Object.fromEntries(examples[1]!.url.searchParams);
    expect(receiveQuerySchema.parse(query)).toEqual({
      sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6',
      timestamp: '2023/11/03 15:30:00',
    });
  });

  it('destroy body parses unchanged', () => {
    expect(destroyRequestSchema.parse(examples[2]!.body)).toEqual({
      sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6',
    });
  });
});
