/**
 * @mpchat/wx-sdk — the mpchat ChatClient for WeChat mini-programs (and browsers / Node through
 * the web adapter). Bundles the contract's zod-free `wire` entry (paths, close codes, limits, the
 * error table) and nothing else: no zod.
 *
 * @packageDocumentation
 */
export { ChatClient } from './chat-client.js';
export type { ChatClientEvents, SendHandle } from './chat-client.js';
export type { ChatClientOptions, SendOptions } from './client-options.js';
export { ChatError } from './chat-error.js';
export type { ChatErrorCode, ChatErrorDetails, ClientErrorCode } from './chat-error.js';
export type { AbortSignalLike } from './cancel.js';
export type { DeltaListener } from './reply-book.js';
export type {
  ConnectionStatus,
  ErrorCode,
  FieldIssue,
  Forgotten,
  HistoryPage,
  HistoryTurn,
  Page,
  Rating,
  Reply,
  ReplyStatus,
  SessionSummary,
  Source,
  StopResult,
  TransportKind,
  TransportMode,
  Welcome,
} from './public-types.js';
export { bindAppLifecycle } from './lifecycle.js';
export type { AppLifecycleSource, Suspendable } from './lifecycle.js';
export { wxAdapter } from './adapters/wx-adapter.js';
export type { WxFailResult, WxLike, WxSocketTask } from './adapters/wx-adapter.js';
export { webAdapter } from './adapters/web-adapter.js';
export type { WebAdapterOptions, WebSocketConstructor, WebSocketLike } from './adapters/web-adapter.js';
export type { Adapter, HttpOutcome, HttpRequest, NetworkFailure, RequestHandle, SocketConnection } from './adapters/adapter.js';
export type { RandomBytes } from './uuid.js';
export { Utf8Decoder } from './utf8-decoder.js';
export { DEFAULT_TIME_ZONE, formatTimestamp } from './timestamp.js';
