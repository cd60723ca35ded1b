/**
 * @mpchat/contract/wire — the API's plain facts without zod, for clients that must stay small
 * (the mini-program SDK bundles this entry): base path, route paths, WebSocket close codes,
 * limits and the error table. The zod schemas of the main entry are built from these values.
 *
 * @packageDocumentation
 */
export { ERRORS, ERROR_CODES, GENERATING_CODE, OK_CODE, isErrorCode } from './errors.js';
export type { ErrorCode, ErrorScope } from './errors.js';

/** The server's default time zone (message timestamps): the project's users are in China. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Base path of every endpoint. */
export const BASE_PATH = '/mpweixin/chatbot';

/** Path of each endpoint, relative to {@link BASE_PATH}. `ws` is the WebSocket upgrade. */
export const ROUTE_PATHS = {
  send: '/send',
  receive: '/receive',
  destroy: '/destroy',
  stop: '/stop',
  feedback: '/feedback',
  welcome: '/welcome',
  login: '/login',
  forget: '/forget',
  ws: '/ws',
} as const;

/** WebSocket endpoint: `GET /mpweixin/chatbot/ws?sessionId=…[&after=N]` upgrades. */
export const WS_PATH = `${BASE_PATH}${ROUTE_PATHS.ws}` as const;

/** Largest frame the server accepts, in bytes; larger ones close the socket with 1009. */
export const WS_MAX_PAYLOAD = 64 * 1024;

/**
 * Close codes the server uses. 1000-1015 are RFC 6455's; 4000-4999 are ours (the range RFC 6455
 * leaves to applications).
 */
export const WS_CLOSE = {
  /** The session was destroyed by the client. */
  NORMAL: 1000,
  /** The server is shutting down: reconnect (to another instance) with backoff. */
  GOING_AWAY: 1001,
  /** Repeated malformed frames or a flood over the rate limit. Do not reconnect blindly. */
  POLICY_VIOLATION: 1008,
  /** A frame larger than {@link WS_MAX_PAYLOAD}. */
  MESSAGE_TOO_BIG: 1009,
  /** A newer connection for the same session replaced this one. Do not reconnect from this one. */
  REPLACED: 4000,
  /** The session was destroyed or expired (mirrors HTTP 410 SESSION_CLOSED). */
  SESSION_CLOSED: 4410,
} as const;
/** A close code the server uses. */
export type WsCloseCode = (typeof WS_CLOSE)[keyof typeof WS_CLOSE];

/**
 * Default maximum message length in characters (UTF-16 code units, as `String#length` counts).
 * The server's MAX_CONTENT_LENGTH setting overrides it.
 */
export const MAX_CONTENT_LENGTH = 2000;

/** Longest feedback comment in characters. */
export const MAX_FEEDBACK_COMMENT = 500;

/** Longest long-poll hold of receive's `wait`, in seconds: well below wx.request's 60 s default timeout. */
export const MAX_WAIT_SECONDS = 25;
