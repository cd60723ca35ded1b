import type { ClosedSession } from '../ports/store.js';
import { purgeExpired } from './retention-sweep.js';
import type { ServiceCore } from './service-core.js';

/** Sessions closed per store call: one round trip (one Lua script, one transaction) each. */
export const SWEEP_BATCH = 500;

/**
 * One round of the idle sweeper: closes batches of sessions idle longer than the idle TTL until a
 * batch comes back short or half the sweep interval is spent (the next round carries on), tells
 * every instance (one `closed` event per session, so sockets say `bye` and waits end), then
 * deletes expired claims on ids that never opened and what is past its retention (see retention-sweep.ts). Each batch is claimed atomically by the store, so instances sharing a
 * store add sweeping capacity and never close a session twice. Returns how many it closed.
 *
 * A session touched after the cutoff is never closed: the store re-checks its idle time as it claims.
 */
export async function sweepIdle(
  core: ServiceCore,
  onClosed: (closed: ClosedSession[]) => Promise<void> = async () => undefined,
  batch = SWEEP_BATCH,
): Promise<number> {
  const { store, bus, options, log } = core;
  const started = core.now();
  const budgetMs = options.sweepIntervalMs / 2;
  let total = 0;
  // The events of one batch go out while the store closes the next (one batch in flight at most).
  let publishing: Promise<{ err: unknown } | undefined> = Promise.resolve(undefined);
  for (;;) {
    const now = core.now();
    const closed = await store.closeIdle(now - options.sessionIdleTtlMs, batch, now, options.transcriptRetentionMs > 0);
    total += closed.length;
    const failed = await publishing;
    if (failed) throw failed.err;
    // Every instance hears it (sockets say bye, waits end); the owners' live-session slots are free again.
    publishing = Promise.all([...closed.map(({ id }) => bus.publish({ type: 'closed', sessionId: id, reason: 'expired' })), onClosed(closed)]).then(
      () => undefined,
      (err: unknown) => ({ err }),
    );
    if (closed.length < batch || core.now() - started >= budgetMs) break;
  }
  const failed = await publishing;
  if (failed) throw failed.err;
  // Claims on ids that never got a first message end with the idle time-to-live too.
  await store.purgeClaims(core.now(), batch);
  await purgeExpired(core, started, options.sweepIntervalMs / 2);
  if (total > 0) log.info({ sessions: total, ms: core.now() - started }, 'closed idle sessions');
  return total;
}
