import type { AdapterProfile } from '../../ports/adapter-profile.js';

/**
 * The profile of instances sharing one Redis: the partial text is saved every 250 ms in the
 * background, and each delta carries the text since the last saved checkpoint, so any instance can
 * resync a socket from the store plus the delta in hand (see ReplyOutput); another instance may be running the
 * turns a restart finds unsettled, so none are re-run at start; a reconcile every 30 s re-schedules
 * work whose schedule an outage lost.
 */
export const REDIS_PROFILE: AdapterProfile = { checkpointMs: 250, recoverOnStart: false, reconcileIntervalMs: 30_000 };
