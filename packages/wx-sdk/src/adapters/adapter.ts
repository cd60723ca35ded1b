import type { RandomBytes } from '../uuid.js';

/** One HTTP request as the core asks for it. The body, when present, is JSON text. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  timeoutMs: number;
  /** Extra headers (`Authorization` when the client logs in). */
  headers?: Record<string, string>;
}

/** Why no answer came. `interrupted`: the app went to the background (wx). */
export type NetworkFailure = 'timeout' | 'abort' | 'interrupted' | 'network';

/**
 * The outcome of one request: an answer with any status (4xx and 5xx included — the core reads
 * the status and the envelope itself), or no answer at all.
 */
export type HttpOutcome =
  | { ok: true; status: number; body: unknown; retryAfter: string | undefined }
  | { ok: false; failure: NetworkFailure; message: string };

/** A request being made. */
export interface RequestHandle {
  abort(): void;
}

/**
 * A WebSocket as the core uses it: the shape of WeChat's SocketTask (no readyState, no way to
 * remove a listener — the core tracks state itself and makes a new connection per reconnect).
 */
export interface SocketConnection {
  send(text: string, onFail: (message: string) => void): void;
  close(code: number, reason: string): void;
  onOpen(listener: () => void): void;
  onMessage(listener: (data: string | ArrayBuffer) => void): void;
  onClose(listener: (code: number, reason: string) => void): void;
  onError(listener: (message: string) => void): void;
}

/**
 * What the SDK needs from a platform. {@link wxAdapter} (wx.request / wx.connectSocket) and
 * {@link webAdapter} (fetch / WebSocket) implement it; tests and other runtimes may bring their own.
 */
export interface Adapter {
  /** Sends a request; `done` is called exactly once, unless the request is aborted first. */
  request(req: HttpRequest, done: (outcome: HttpOutcome) => void): RequestHandle;
  /** Opens a WebSocket (may throw when the platform has none: the client then polls); `headers` go on the upgrade. */
  connectSocket(url: string, timeoutMs: number, headers?: Record<string, string>): SocketConnection;
  /** A `wx.login` code, for `auth: 'wx-login'` (the wx adapter has it). */
  login?(): Promise<string>;
  /** Longest long-poll hold this platform allows, in seconds (callContainer: its client timeout is ~15 s). */
  maxWaitSec?: number;
  /** Secure random bytes, or null where the platform has no source. */
  randomBytes: RandomBytes;
  /**
   * Calls `onChange` when the device (re)gains a network, e.g. after Wi-Fi → 4G; returns the
   * function that stops listening. Optional: without it a stranded socket is found by the heartbeat.
   */
  watchNetwork?(onChange: () => void): () => void;
}
