/**
 * @mpchat/contract — the mpchat API as data: zod schemas, inferred types, the error table and
 * the WebSocket frames. The server validates with these schemas; the SDK imports only the types.
 *
 * Unknown fields: request objects ignore (strip) fields they do not know, so a newer client can
 * send a newer optional field to an older server. Responses may gain fields; clients ignore them.
 *
 * @packageDocumentation
 */
export {
  DEFAULT_TIME_ZONE,
  TIMESTAMP_FORMAT,
  formatTimestamp,
  isValidTimeZone,
  parseTimestamp,
  partsInZone,
  stringifyTimestamp,
  timestampSchema,
  timestampToDate,
} from './timestamp.js';
export type { ParsedTimestamp, TimestampParts } from './timestamp.js';
export {
  MAX_CONTENT_LENGTH,
  OBJECT_ERROR,
  clientMsgIdSchema,
  contentSchema,
  intQuerySchema,
  seqSchema,
  sessionIdSchema,
} from './fields.js';
export { ERRORS, ERROR_CODES, GENERATING_CODE, OK_CODE, isErrorCode, isRetryable, statusOf } from './errors.js';
export type { ErrorCode } from './errors.js';
export {
  errorCodeSchema,
  errorEnvelopeSchema,
  fieldIssueSchema,
  fieldLocationSchema,
  toFieldIssues,
} from './envelope.js';
export type { ErrorEnvelope, FieldIssue, FieldLocation } from './envelope.js';
export { makeSendRequestSchema, sendDataSchema, sendRequestSchema, sendResponseSchema } from './send.js';
export type { SendData, SendRequest, SendResponse } from './send.js';
export {
  MAX_WAIT_SECONDS,
  partialDataSchema,
  receiveGeneratingSchema,
  receiveOkSchema,
  receiveQuerySchema,
  receiveResponseSchema,
  replyDataSchema,
  replyStatusSchema,
  sourceSchema,
} from './receive.js';
export type {
  PartialData,
  ReceiveGenerating,
  ReceiveOk,
  ReceiveParams,
  ReceiveQuery,
  ReceiveResponse,
  ReplyData,
  ReplyStatus,
  Source,
} from './receive.js';
export { destroyRequestSchema, destroyResponseSchema } from './destroy.js';
export type { DestroyRequest, DestroyResponse } from './destroy.js';
export { stopRequestSchema, stopResponseSchema } from './stop.js';
export type { StopRequest, StopResponse } from './stop.js';
export { BASE_PATH, COMMON_ERRORS, routes } from './routes.js';
export type { RouteDef, RouteName } from './routes.js';
export {
  WS_CLOSE,
  WS_MAX_PAYLOAD,
  WS_PATH,
  ackFrameSchema,
  byeFrameSchema,
  clientFrameSchema,
  deltaFrameSchema,
  errorFrameSchema,
  helloFrameSchema,
  makeClientFrameSchema,
  pongFrameSchema,
  replyFrameSchema,
  serverFrameSchema,
  wsQuerySchema,
} from './ws.js';
export type { ClientFrame, ServerFrame, ServerFrameOf, WsCloseCode } from './ws.js';
export { API_VERSION, buildOpenApiDocument } from './openapi.js';
