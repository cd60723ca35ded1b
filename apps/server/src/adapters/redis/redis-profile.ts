import type { AdapterProfile } from '../../ports/adapter-profile.js';

/**
 * The profile of instances sharing one Redis: every delta is saved (checkpointMs 0), so any
 * instance can resync a socket from the store (see RedisBus); another instance may be running the
 * turns a restart finds unsettled, so none are re-run at start; a reconcile every 30 s re-schedules
 * work whose schedule an outage lost.
 */
export const REDIS_PROFILE: AdapterProfile = { checkpointMs: 0, recoverOnStart: false, reconcileIntervalMs: 30_000 };
