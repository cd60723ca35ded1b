import type { ServiceCore } from './service-core.js';

/** Rows deleted per store call: one transaction or one Lua script each, so no call blocks the store for long. */
export const PURGE_BATCH = 500;

/**
 * The part of the sweep that lets personal data go: tombstones and their retained turns once
 * older than the retention (TRANSCRIPT_RETENTION, at least TOMBSTONE_TTL), then feedback rated
 * before the same cutoff. Batches until one comes back short or `budgetMs` is spent (the next
 * sweep carries on). Each batch is claimed by the store, so instances sharing it share the work.
 * Returns how many sessions and ratings it deleted.
 */
export async function purgeExpired(core: ServiceCore, started: number, budgetMs: number, batch = PURGE_BATCH): Promise<{ sessions: number; feedback: number }> {
  const { store, options } = core;
  const cutoff = started - Math.max(options.tombstoneTtlMs, options.transcriptRetentionMs);
  const out = { sessions: 0, feedback: 0 };
  const inBudget = () => core.now() - started < budgetMs;
  for (let n = batch; n === batch && inBudget(); ) {
    n = await store.purgeClosed(cutoff, batch);
    out.sessions += n;
  }
  for (let n = batch; n === batch && inBudget(); ) {
    n = await store.purgeFeedback(cutoff, batch);
    out.feedback += n;
  }
  if (out.sessions + out.feedback > 0) core.log.info(out, 'deleted conversations past their retention');
  return out;
}
