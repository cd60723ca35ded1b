import type { Turn } from './store.js';

/** Something happened in a session; every instance's subscribers hear it. */
export type ChatEvent =
  /** More reply text: `text` starts at character `offset` of turn `seq`'s reply. */
  | { type: 'delta'; sessionId: string; seq: number; offset: number; text: string }
  /** A turn was settled (completed, stopped or failed). */
  | { type: 'settled'; sessionId: string; turn: Turn }
  /** Stop the turn being generated (whichever instance runs it). */
  | { type: 'stop'; sessionId: string }
  /** The session was closed (destroyed or expired). */
  | { type: 'closed'; sessionId: string; reason: 'destroyed' | 'expired' }
  /**
   * A socket of the session opened (on any instance) at `openedAt` (ms since epoch); sockets of the
   * session opened before it close with 4000. Announcements may arrive late or out of order across
   * instances, so the older one never replaces the newer.
   */
  | { type: 'socket'; sessionId: string; connectionId: string; openedAt: number }
  /** The knowledge base in the store changed: every instance rebuilds its index (no session: `sessionId` is empty). */
  | { type: 'knowledge'; sessionId: '' };

/** Receives events. */
export type ChatEventHandler = (event: ChatEvent) => void;

/**
 * The event-bus port: in-process for one instance, Redis for several. Delivery to one subscriber
 * is in publish order per session. A multi-instance bus may miss a `delta` (consumers resync from
 * the stored partial text by offset), never `settled`, `stop` or `closed` while it is connected.
 */
export interface EventBus {
  publish(event: ChatEvent): Promise<void>;
  /** Events of one session. Returns an unsubscribe function. */
  subscribe(sessionId: string, handler: ChatEventHandler): () => void;
  /**
   * Events of every session (used to route stop/close to the instance running a turn). A
   * multi-instance bus may limit `delta` events here to sessions generated or subscribed locally.
   */
  subscribeAll(handler: ChatEventHandler): () => void;
  close(): Promise<void>;
}
