import type { LimitStore } from './limit-store.js';
import type { EventBus } from './bus.js';
import type { GenerationQueue } from './queue.js';
import type { ChatStore } from './store.js';

/**
 * What the chat service must know about the adapters it runs on. An adapter set declares it, so the
 * composition root never branches on which store it got.
 */
export interface AdapterProfile {
  /**
   * Save the partial reply of a generating turn at most this often (ms), in the background, in one
   * batch with every other turn the instance generates; 0 = as soon as the previous batch is written. Any interval is safe for readers on other instances: each delta carries the text
   * since the last saved checkpoint, so the store plus the delta hold all of it (see ReplyOutput).
   * Longer means fewer store writes and a staler code-100 partial on other instances.
   */
  checkpointMs: number;
  /** Re-schedule unsettled turns once at start (an instance that owns its store alone). */
  recoverOnStart: boolean;
  /** Re-schedule unanswered turns this often (ms), for stores shared by several instances; 0 = off. */
  reconcileIntervalMs: number;
  /**
   * Keep the recent receive reads of this many sessions in memory (an LRU); 0 or absent = off.
   * Only for an instance that sees every write of its store: its own sends, and settles and closes
   * through an in-process bus (a bus across instances delivers events after the write is
   * acknowledged, and a send on another instance publishes nothing).
   */
  turnCacheSessions?: number;
}

/** The stateful adapters an instance runs on: where messages live, how events and work travel, and what they need. */
export interface Adapters {
  store: ChatStore;
  bus: EventBus;
  queue: GenerationQueue;
  profile: AdapterProfile;
  /** Where per-client limit counters live; in memory when omitted (one instance). */
  limitStore?: LimitStore;
}
