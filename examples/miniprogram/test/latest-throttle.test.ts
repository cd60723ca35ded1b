// The page's setData throttle (miniprogram/lib/latest-throttle.js), on fake timers.
import { createRequire } from 'node:module';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

type Throttle = { push(value: string): void; cancel(): void };
const { latestThrottle } = createRequire(import.meta.url)('../miniprogram/lib/latest-throttle.js') as {
  latestThrottle: (deliver: (value: string) => void, intervalMs: number) => Throttle;
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('delivers the first text at once, then only the latest per interval', () => {
  const delivered: string[] = [];
  const t = latestThrottle((v) => delivered.push(v), 100);
  t.push('a');
  t.push('ab');
  vi.advanceTimersByTime(0);
  expect(delivered).toEqual(['ab']);
  t.push('abc');
  t.push('abcd');
  vi.advanceTimersByTime(99);
  expect(delivered).toEqual(['ab']);
  vi.advanceTimersByTime(1);
  expect(delivered).toEqual(['ab', 'abcd']);
});

it('delivers nothing more after cancel (the final text is set by the page)', () => {
  const delivered: string[] = [];
  const t = latestThrottle((v) => delivered.push(v), 100);
  t.push('a');
  t.cancel();
  vi.advanceTimersByTime(1_000);
  expect(delivered).toEqual([]);
});
