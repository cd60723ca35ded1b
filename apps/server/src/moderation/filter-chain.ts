import type { ContentFilter, ModerationDirection, ModerationSubject, Verdict } from '../ports/content-filter.js';

/** What to do with text a filter could not check (`MODERATION_ON_ERROR`). */
export type OnError = 'allow' | 'block';

/** Options of {@link createFilterChain}. */
export interface FilterChainOptions {
  /**
   * Per direction. Default: let unchecked input through (a user is not punished for WeChat being
   * down; the output is still checked) but block unchecked output (nothing unchecked is published).
   */
  onError?: Partial<Record<ModerationDirection, OnError>>;
  /** Told about each filter that could not answer (for the log and /metrics). */
  onUnavailable?: (filter: string, direction: ModerationDirection, err: unknown) => void;
}

/** The default `MODERATION_ON_ERROR`: input allowed, output blocked. */
export const DEFAULT_ON_ERROR: Record<ModerationDirection, OnError> = { input: 'allow', output: 'block' };

/**
 * Runs filters in order (`MODERATION=words,wechat`): the first `block` decides; otherwise a
 * `review` from any filter is kept; otherwise `pass`. A filter that throws is skipped or blocks
 * per direction as `onError` says. The chain is itself a {@link ContentFilter}.
 *
 * @example
 * const chain = createFilterChain([words, wechat], { onError: { input: 'allow', output: 'block' } });
 * const verdict = await chain.check({ text, direction: 'input', openid });
 */
export function createFilterChain(filters: readonly ContentFilter[], options: FilterChainOptions = {}): ContentFilter {
  const onError = { ...DEFAULT_ON_ERROR, ...options.onError };
  return {
    name: filters.map((f) => f.name).join(',') || 'none',
    remote: filters.some((f) => f.remote),
    async check(subject: ModerationSubject, signal?: AbortSignal): Promise<Verdict> {
      let result: Verdict = { action: 'pass', filter: filters.at(-1)?.name ?? 'none' };
      for (const filter of filters) {
        let verdict: Verdict;
        try {
          verdict = await filter.check(subject, signal);
        } catch (err) {
          if (signal?.aborted) throw err;
          options.onUnavailable?.(filter.name, subject.direction, err);
          if (onError[subject.direction] === 'block') return { action: 'block', label: 'unavailable', filter: filter.name };
          continue;
        }
        if (verdict.action === 'block') return verdict;
        if (verdict.action === 'review' && result.action === 'pass') result = verdict;
      }
      return result;
    },
  };
}
