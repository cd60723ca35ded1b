import type { AdapterProfile } from '../../ports/adapter-profile.js';

/**
 * The profile of a single instance that owns its store (memory, SQLite) with the in-process bus
 * and queue: partial text lives in this process, so a checkpoint every 250 ms is enough; turns a
 * crash left unsettled are re-run once at start; nobody else schedules work, so no reconcile loop.
 * Every write passes through this instance, so receive reads of 10,000 sessions are kept in memory.
 */
export const LOCAL_PROFILE: AdapterProfile = { checkpointMs: 250, recoverOnStart: true, reconcileIntervalMs: 0, turnCacheSessions: 10_000 };
