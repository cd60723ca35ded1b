/** Exponential backoff with jitter: base·2^attempt, capped, scaled by 0.5-1. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const ms = Math.min(maxMs, baseMs * Math.pow(2, Math.min(attempt, 16)));
  return Math.round(ms * (0.5 + Math.random() / 2));
}
