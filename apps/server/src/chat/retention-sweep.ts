import type { ServiceCore } from './service-core.js';

/** Rows deleted per store call: one transaction or one Lua script each, so no call blocks the store for long. */
export const PURGE_BATCH = 500;

/** What one sweep deleted past the retention. */
export interface Purged {
  sessions: number;
  feedback: number;
  moderation: number;
  groups: number;
}

/**
 * The part of the sweep that lets personal data go: tombstones and their retained turns once
 * older than the retention (TRANSCRIPT_RETENTION, at least TOMBSTONE_TTL), then feedback rated,
 * moderation records logged and group decisions taken (they quote a student's question) before
 * the same cutoff. Batches until one comes back short or `budgetMs` is spent (the next sweep
 * carries on). Each batch is claimed by the store, so instances sharing it share the work.
 * Returns how many of each it deleted.
 */
export async function purgeExpired(core: ServiceCore, started: number, budgetMs: number, batch = PURGE_BATCH): Promise<Purged> {
  const { store, options } = core;
  const cutoff = started - Math.max(options.tombstoneTtlMs, options.transcriptRetentionMs);
  const inBudget = () => core.now() - started < budgetMs;
  const drain = async (purge: (cutoff: number, limit: number) => Promise<number>): Promise<number> => {
    let total = 0;
    for (let n = batch; n === batch && inBudget(); ) {
      n = await purge(cutoff, batch);
      total += n;
    }
    return total;
  };
  const out: Purged = {
    sessions: await drain((c, l) => store.purgeClosed(c, l)),
    feedback: await drain((c, l) => store.purgeFeedback(c, l)),
    moderation: await drain((c, l) => store.purgeModeration(c, l)),
    groups: await drain((c, l) => store.purgeGroupStates(c, l)),
  };
  if (out.sessions + out.feedback + out.moderation + out.groups > 0) core.log.info(out, 'deleted conversations past their retention');
  return out;
}
