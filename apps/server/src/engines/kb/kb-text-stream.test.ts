import { describe, expect, it } from 'vitest';
import { streamText } from './kb-text-stream.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

describe('streamText', () => {
  it('yields chunks of chunkSize code points that concatenate to the text', async () => {
    const text = 'BGP实验ping不通怎么办：先看 display bgp peer。';
    const chunks = await collect(streamText(text, { chunkSize: 5, chunkDelayMs: 0, signal: new AbortController().signal }));
    expect(chunks.join('')).toBe(text);
    expect(chunks.slice(0, -1).every((chunk) => Array.from(chunk).length === 5)).toBe(true);
    expect(chunks).toHaveLength(Math.ceil(Array.from(text).length / 5));
  });

  it.each([1, 2, 3, 4])('never splits a surrogate pair (chunkSize %i)', async (chunkSize) => {
    const text = '👍好😀ok🇨🇳𠮷野家';
    const chunks = await collect(streamText(text, { chunkSize, chunkDelayMs: 0, signal: new AbortController().signal }));
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) expect(chunk).not.toMatch(LONE_SURROGATE);
  });

  it('stops at the next chunk when aborted between chunks', async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    for await (const chunk of streamText('一二三四五六七八九十', { chunkSize: 2, chunkDelayMs: 0, signal: controller.signal })) {
      chunks.push(chunk);
      if (chunks.length === 2) controller.abort();
    }
    expect(chunks).toEqual(['一二', '三四']);
  });

  it('ends during a pause when aborted, instead of waiting it out', async () => {
    const controller = new AbortController();
    const stream = streamText('abcdef', { chunkSize: 2, chunkDelayMs: 3_600_000, signal: controller.signal });
    expect((await stream.next()).value).toBe('ab');
    const next = stream.next(); // now waiting an hour before 'cd'
    controller.abort();
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('yields nothing when the signal is already aborted', async () => {
    expect(await collect(streamText('abc', { chunkSize: 1, chunkDelayMs: 0, signal: AbortSignal.abort() }))).toEqual([]);
  });
});
