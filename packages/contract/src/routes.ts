import { adminRoutes } from './admin-routes.js';
import { destroyRequestSchema, destroyResponseSchema } from './destroy.js';
import type { ErrorCode } from './errors.js';
import { loginRequestSchema, loginResponseSchema } from './login.js';
import { receiveQuerySchema, receiveResponseSchema } from './receive.js';
import { sendRequestSchema, sendResponseSchema } from './send.js';
import { feedbackRequestSchema, feedbackResponseSchema } from './feedback.js';
import { forgetRequestSchema, forgetResponseSchema } from './forget.js';
import type { RouteDef } from './route-def.js';
import { welcomeResponseSchema } from './welcome.js';
import { stopRequestSchema, stopResponseSchema } from './stop.js';
import { BASE_PATH, ROUTE_PATHS } from './wire.js';

export type { RouteDef } from './route-def.js';

/** Errors any endpoint can answer. */
export const COMMON_ERRORS = ['INVALID_ARGUMENT', 'STORE_UNAVAILABLE', 'SHUTTING_DOWN', 'INTERNAL'] as const satisfies readonly ErrorCode[];

/** The HTTP API as data. The server mounts these; the OpenAPI document is generated from them. */
export const routes = {
  send: {
    method: 'POST',
    path: `${BASE_PATH}${ROUTE_PATHS.send}`,
    summary: '消息发送 / send a user message; the reply is generated in the background',
    extension: false,
    body: sendRequestSchema,
    response: sendResponseSchema,
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'SESSION_CLOSED', 'BUSY', 'RATE_LIMITED', 'TOO_MANY_SESSIONS', 'UNAUTHENTICATED', 'SESSION_NOT_FOUND'],
  },
  receive: {
    method: 'GET',
    path: `${BASE_PATH}${ROUTE_PATHS.receive}`,
    summary: '消息接收 / read a reply: code 100 while it is still being generated',
    extension: false,
    query: receiveQuerySchema,
    response: receiveResponseSchema,
    errors: ['SESSION_NOT_FOUND', 'SESSION_CLOSED', 'NO_SUCH_MESSAGE', 'GENERATION_FAILED', 'UPSTREAM_ERROR', 'UPSTREAM_TIMEOUT', 'UNAUTHENTICATED'],
  },
  destroy: {
    method: 'POST',
    path: `${BASE_PATH}${ROUTE_PATHS.destroy}`,
    summary: 'Session 关闭 / end a conversation (idempotent)',
    extension: false,
    body: destroyRequestSchema,
    response: destroyResponseSchema,
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHENTICATED', 'SESSION_NOT_FOUND'],
  },
  stop: {
    method: 'POST',
    path: `${BASE_PATH}${ROUTE_PATHS.stop}`,
    summary: '停止生成 / stop the reply being generated; its partial text becomes the reply',
    extension: true,
    body: stopRequestSchema,
    response: stopResponseSchema,
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'SESSION_NOT_FOUND', 'SESSION_CLOSED', 'UNAUTHENTICATED'],
  },
  login: {
    method: 'POST',
    path: `${BASE_PATH}${ROUTE_PATHS.login}`,
    summary: '登录 / exchange a wx.login code for a Bearer token (AUTH=wx-login only; 404 NOT_FOUND otherwise)',
    extension: true,
    body: loginRequestSchema,
    response: loginResponseSchema,
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_FOUND', 'RATE_LIMITED', 'FORBIDDEN', 'UPSTREAM_UNAVAILABLE'],
  },
  feedback: {
    method: 'POST',
    path: `${BASE_PATH}${ROUTE_PATHS.feedback}`,
    optional: 'FEEDBACK=false turns it off',
    summary: '评价回答 / rate a settled answer 👍/👎 with an optional comment; rating again replaces',
    extension: true,
    body: feedbackRequestSchema,
    response: feedbackResponseSchema,
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_FOUND', 'SESSION_NOT_FOUND', 'SESSION_CLOSED', 'NO_SUCH_MESSAGE', 'NOT_SETTLED'],
  },
  welcome: {
    method: 'GET',
    path: `${BASE_PATH}${ROUTE_PATHS.welcome}`,
    summary: '开场白 / the opening message and starter questions to show on an empty chat',
    extension: true,
    response: welcomeResponseSchema,
    errors: [],
  },
  forget: {
    method: 'POST',
    path: `${BASE_PATH}${ROUTE_PATHS.forget}`,
    summary: '删除我的数据 / delete every session, turn and feedback of the caller (identity required: AUTH=wx-login or wx-cloud; 404 NOT_FOUND under AUTH=none)',
    extension: true,
    body: forgetRequestSchema,
    response: forgetResponseSchema,
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'NOT_FOUND', 'UNAUTHENTICATED', 'RATE_LIMITED'],
  },
  ...adminRoutes,
} as const satisfies Record<string, RouteDef>;

/** Names of the HTTP endpoints. */
export type RouteName = keyof typeof routes;
