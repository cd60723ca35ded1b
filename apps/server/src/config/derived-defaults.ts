/**
 * Replies generated at once per instance when `GENERATION_CONCURRENCY` is unset, by engine. The
 * built-in knowledge base mostly waits on its pacing timers and costs little CPU, so a lecture
 * hall asking at once is answered at once; an LLM is a paid, rate-limited upstream (its own gate
 * is `LLM_CONCURRENCY`), so turns queue here rather than pile up there. The kb figure is not
 * unbounded: each answer being generated checkpoints its text to the store every 250 ms (MySQL),
 * and bench/classroom saw 1,000 at once do worse on MySQL than 16. A kb answer streams for a
 * second or two, so 128 at once answers some 60–120 new questions a second: a hall of 1,000
 * asking within 10 s, with little waiting.
 */
export const GENERATION_CONCURRENCY_BY_ENGINE = { kb: 128, openai: 16 } as const;

/** The settings whose default depends on others. */
interface Derived {
  ENGINE: keyof typeof GENERATION_CONCURRENCY_BY_ENGINE;
  GENERATION_CONCURRENCY: number;
  PLAYGROUND: boolean;
  NODE_ENV?: string | undefined;
}

/**
 * Fills the defaults that depend on other settings, for the names not in `given`:
 * `GENERATION_CONCURRENCY` by engine, and `PLAYGROUND` off in production (`NODE_ENV=production`,
 * or any `DEPLOY_TARGET`): a public test page is something to ask for, not to forget to remove.
 */
export function applyDerivedDefaults<C extends Derived>(c: C, given: ReadonlySet<string>): C {
  const out = { ...c };
  if (!given.has('GENERATION_CONCURRENCY')) out.GENERATION_CONCURRENCY = GENERATION_CONCURRENCY_BY_ENGINE[c.ENGINE];
  if (!given.has('PLAYGROUND')) out.PLAYGROUND = !(c.NODE_ENV === 'production' || given.has('DEPLOY_TARGET'));
  return out;
}
