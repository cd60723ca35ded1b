/**
 * @mpchat/contract — the mpchat API as data: zod schemas, inferred types, the error table and
 * the WebSocket frames. The server validates with these schemas; the SDK imports the types and
 * bundles only the zod-free `@mpchat/contract/wire` entry.
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
  timestampSchema,
  timestampToDate,
} from './timestamp.js';
export type { ParsedTimestamp } from './timestamp.js';
export { clientMsgIdSchema, contentSchema, intQuerySchema, seqSchema, sessionIdSchema } from './fields.js';
// The zod-free facts (paths, close codes, limits, the error table), also served alone by `@mpchat/contract/wire`.
export {
  BASE_PATH,
  ERRORS,
  ERROR_CODES,
  GENERATING_CODE,
  MAX_CONTENT_LENGTH,
  MAX_FEEDBACK_COMMENT,
  MAX_WAIT_SECONDS,
  OK_CODE,
  ROUTE_PATHS,
  WS_CLOSE,
  WS_MAX_PAYLOAD,
  WS_PATH,
  isErrorCode,
} from './wire.js';
export type { ErrorCode, ErrorScope, WsCloseCode } from './wire.js';
export { errorCodeSchema, errorEnvelopeSchema, fieldIssueSchema, toFieldIssues } from './envelope.js';
export type { ErrorEnvelope, FieldIssue, FieldLocation } from './envelope.js';
export { continueFromSchema, makeSendRequestSchema, sendRequestSchema, sendResponseSchema } from './send.js';
export type { SendRequest, SendResponse } from './send.js';
export { receiveQuerySchema, receiveResponseSchema, replyDataSchema, replyStatusSchema, sourceSchema, suggestionsSchema } from './receive.js';
export type {
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
export { feedbackRequestSchema, feedbackResponseSchema, ratingSchema } from './feedback.js';
export type { FeedbackRequest, FeedbackResponse, Rating } from './feedback.js';
export { welcomeResponseSchema, welcomeSchema } from './welcome.js';
export type { Welcome, WelcomeResponse } from './welcome.js';
export { ADMIN_FEEDBACK_PATH, adminFeedbackQuerySchema, adminFeedbackResponseSchema, feedbackItemSchema } from './admin-feedback.js';
export type { AdminFeedbackQuery, AdminFeedbackResponse, FeedbackItem } from './admin-feedback.js';
export {
  HISTORY_PAGE_SIZE,
  SESSIONS_PAGE_SIZE,
  historyCursorSchema,
  historyQuerySchema,
  historyResponseSchema,
  historyTurnSchema,
  sessionSummarySchema,
  sessionsCursorOf,
  sessionsCursorSchema,
  sessionsQuerySchema,
  sessionsResponseSchema,
} from './history.js';
export type { HistoryParams, HistoryQuery, HistoryResponse, HistoryTurn, SessionSummary, SessionsCursor, SessionsQuery, SessionsResponse } from './history.js';
export { loginRequestSchema, loginResponseSchema } from './login.js';
export type { LoginRequest, LoginResponse } from './login.js';
export { COMMON_ERRORS, routes } from './routes.js';
export type { RouteDef, RouteName } from './routes.js';
export { clientFrameSchema, makeClientFrameSchema, serverFrameSchema, wsQuerySchema } from './ws.js';
export type { ClientFrame, ServerFrame, ServerFrameOf } from './ws.js';
export { API_VERSION, buildOpenApiDocument } from './openapi.js';
export { forgetRequestSchema, forgetResponseSchema, forgottenSchema, studentParamsSchema } from './forget.js';
export type { ForgetRequest, ForgetResponse, Forgotten } from './forget.js';
export { ADMIN_ERRORS, ADMIN_PATH, adminRoutes } from './admin-routes.js';
export { MAX_ADMIN_PAGE, cursorQuerySchema, isoTimeQuery, pageLimitQuerySchema, pseudonymSchema } from './admin-query.js';
export {
  adminConversationResponseSchema,
  adminConversationsQuerySchema,
  adminConversationsResponseSchema,
  conversationParamsSchema,
  conversationSummarySchema,
  conversationTurnSchema,
  replyAuthorSchema,
} from './admin-conversations.js';
export type {
  AdminConversationResponse,
  AdminConversationsParams,
  AdminConversationsQuery,
  AdminConversationsResponse,
  ConversationSummary,
  ConversationTurn,
  ReplyAuthor,
} from './admin-conversations.js';
export {
  adminUnansweredQuerySchema,
  adminUnansweredResponseSchema,
  emptyBodySchema,
  unansweredAnswerRequestSchema,
  unansweredEntryRefSchema,
  unansweredAnswerResponseSchema,
  unansweredExampleSchema,
  unansweredGroupParamsSchema,
  unansweredGroupSchema,
  unansweredIgnoreResponseSchema,
  unansweredStatusSchema,
} from './admin-unanswered.js';
export type {
  AdminUnansweredQuery,
  AdminUnansweredResponse,
  UnansweredAnswerRequest,
  UnansweredAnswerResponse,
  UnansweredExample,
  UnansweredGroup,
  UnansweredIgnoreResponse,
  UnansweredStatus,
} from './admin-unanswered.js';
export {
  MAX_KB_BODY,
  MAX_KB_TITLE,
  kbEntriesQuerySchema,
  kbEntriesResponseSchema,
  kbEntryDeleteResponseSchema,
  kbEntryIdSchema,
  kbEntryParamsSchema,
  kbEntryResponseSchema,
  kbEntrySchema,
  kbEntryUpdateSchema,
  kbEntryVersionSchema,
  kbEntryVersionsResponseSchema,
  kbEntryWriteSchema,
  kbRevertRequestSchema,
  kbSearchRequestSchema,
  kbSearchResponseSchema,
} from './admin-kb.js';
export type { KbEntriesQuery, KbEntry, KbEntryResponse, KbEntryUpdate, KbEntryVersion, KbEntryVersionsResponse, KbEntryWrite, KbRevertRequest, KbSearchRequest, KbSearchResponse } from './admin-kb.js';
export {
  MAX_KB_IMPORT,
  kbExportQuerySchema,
  kbImportRequestSchema,
  kbImportResponseSchema,
  kbSynonymsResponseSchema,
  kbSynonymsSchema,
  kbSynonymsUpdateSchema,
  kbSynonymsVersionsResponseSchema,
} from './admin-kb-transfer.js';
export type { KbExportQuery, KbImportRequest, KbImportResponse, KbSynonyms, KbSynonymsUpdate } from './admin-kb-transfer.js';
export {
  adminModerationQuerySchema,
  adminModerationResponseSchema,
  adminStatsQuerySchema,
  adminStatsResponseSchema,
  courseNumbersSchema,
  moderationEventSchema,
} from './admin-stats.js';
export type { AdminModerationQuery, AdminModerationResponse, AdminStatsQuery, AdminStatsResponse, CourseNumbers, ModerationEvent } from './admin-stats.js';
