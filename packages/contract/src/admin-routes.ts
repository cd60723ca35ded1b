import { ADMIN_FEEDBACK_PATH, adminFeedbackQuerySchema, adminFeedbackResponseSchema } from './admin-feedback.js';
import {
  adminConversationResponseSchema,
  adminConversationsQuerySchema,
  adminConversationsResponseSchema,
  conversationParamsSchema,
} from './admin-conversations.js';
import {
  kbEntriesQuerySchema,
  kbEntriesResponseSchema,
  kbEntryDeleteResponseSchema,
  kbEntryParamsSchema,
  kbEntryResponseSchema,
  kbEntryUpdateSchema,
  kbEntryVersionsResponseSchema,
  kbEntryWriteSchema,
  kbRevertRequestSchema,
  kbSearchRequestSchema,
  kbSearchResponseSchema,
} from './admin-kb.js';
import { kbExportQuerySchema, kbImportRequestSchema, kbImportResponseSchema, kbSynonymsResponseSchema, kbSynonymsUpdateSchema, kbSynonymsVersionsResponseSchema } from './admin-kb-transfer.js';
import { adminModerationQuerySchema, adminModerationResponseSchema, adminStatsQuerySchema, adminStatsResponseSchema } from './admin-stats.js';
import {
  adminUnansweredQuerySchema,
  adminUnansweredResponseSchema,
  emptyBodySchema,
  unansweredAnswerRequestSchema,
  unansweredAnswerResponseSchema,
  unansweredGroupParamsSchema,
  unansweredIgnoreResponseSchema,
} from './admin-unanswered.js';
import { forgetResponseSchema, studentParamsSchema } from './forget.js';
import type { ErrorCode } from './errors.js';
import type { RouteDef } from './route-def.js';

/** Path prefix of the teachers' API (outside the chatbot base path: not for mini-programs). */
export const ADMIN_PATH = '/admin';

/** Errors every admin route can answer: off (no admin token configured), a wrong token, too many wrong tokens. */
export const ADMIN_ERRORS = ['NOT_FOUND', 'UNAUTHENTICATED', 'RATE_LIMITED'] as const satisfies readonly ErrorCode[];

const OFF = 'off (404) unless ADMIN_TOKENS or ADMIN_TOKEN is set';
const admin = { extension: true, optional: OFF, auth: 'admin' } as const;
const A = ADMIN_PATH;

/**
 * The teachers' API as data: conversations, unanswered questions, the knowledge base, numbers and
 * the moderation log. Every route needs `Authorization: Bearer <token>` of ADMIN_TOKENS (or
 * ADMIN_TOKEN); wrong tokens are throttled per address. Lists are paged by cursor, exports stream.
 */
export const adminRoutes = {
  adminFeedback: {
    ...admin,
    method: 'GET',
    path: ADMIN_FEEDBACK_PATH,
    summary: '反馈导出 / the feedback as JSON or CSV, oldest first (streamed)',
    query: adminFeedbackQuerySchema,
    response: adminFeedbackResponseSchema,
    produces: ['text/csv'],
    errors: [...ADMIN_ERRORS],
  },
  adminConversations: {
    ...admin,
    method: 'GET',
    path: `${A}/conversations`,
    summary: '对话记录 / retained conversations, newest first, paged by cursor',
    query: adminConversationsQuerySchema,
    response: adminConversationsResponseSchema,
    errors: [...ADMIN_ERRORS],
  },
  adminConversation: {
    ...admin,
    method: 'GET',
    path: `${A}/conversations/{sessionId}`,
    summary: '对话详情 / every turn of one conversation: question, answer, sources, matched, feedback, moderation, latency',
    params: conversationParamsSchema,
    response: adminConversationResponseSchema,
    errors: [...ADMIN_ERRORS, 'SESSION_NOT_FOUND'],
  },
  adminUnanswered: {
    ...admin,
    method: 'GET',
    path: `${A}/unanswered`,
    summary: '未解决问题 / questions that matched nothing or got 👎, grouped by similarity',
    query: adminUnansweredQuerySchema,
    response: adminUnansweredResponseSchema,
    errors: [...ADMIN_ERRORS],
  },
  adminUnansweredAnswer: {
    ...admin,
    method: 'POST',
    path: `${A}/unanswered/{groupId}/answer`,
    summary: '回答问题组 / answer a group with a new KB entry (or an existing one by entryId), mark it answered, send the answer to its open sessions as a teacher reply',
    params: unansweredGroupParamsSchema,
    body: unansweredAnswerRequestSchema,
    response: unansweredAnswerResponseSchema,
    errors: [...ADMIN_ERRORS, 'GROUP_NOT_FOUND', 'ENTRY_NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  adminUnansweredIgnore: {
    ...admin,
    method: 'POST',
    path: `${A}/unanswered/{groupId}/ignore`,
    summary: '忽略问题组 / mark a group as not worth an answer',
    params: unansweredGroupParamsSchema,
    body: emptyBodySchema,
    response: unansweredIgnoreResponseSchema,
    errors: [...ADMIN_ERRORS, 'GROUP_NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  adminKbEntries: {
    ...admin,
    method: 'GET',
    path: `${A}/kb/entries`,
    summary: '知识库条目 / the knowledge-base entries, paged',
    query: kbEntriesQuerySchema,
    response: kbEntriesResponseSchema,
    errors: [...ADMIN_ERRORS],
  },
  adminKbCreate: {
    ...admin,
    method: 'POST',
    path: `${A}/kb/entries`,
    summary: '新建条目 / create an entry (every instance uses it within 2 s)',
    body: kbEntryWriteSchema,
    response: kbEntryResponseSchema,
    errors: [...ADMIN_ERRORS, 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  adminKbEntry: {
    ...admin,
    method: 'GET',
    path: `${A}/kb/entries/{id}`,
    summary: '读取条目 / one entry',
    params: kbEntryParamsSchema,
    response: kbEntryResponseSchema,
    errors: [...ADMIN_ERRORS, 'ENTRY_NOT_FOUND'],
  },
  adminKbUpdate: {
    ...admin,
    method: 'PUT',
    path: `${A}/kb/entries/{id}`,
    summary: '修改条目 / edit an entry; the previous version stays in its history',
    params: kbEntryParamsSchema,
    body: kbEntryUpdateSchema,
    response: kbEntryResponseSchema,
    errors: [...ADMIN_ERRORS, 'ENTRY_NOT_FOUND', 'VERSION_CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  adminKbDelete: {
    ...admin,
    method: 'DELETE',
    path: `${A}/kb/entries/{id}`,
    summary: '删除条目 / delete an entry (its history stays; revert brings it back)',
    params: kbEntryParamsSchema,
    response: kbEntryDeleteResponseSchema,
    errors: [...ADMIN_ERRORS, 'ENTRY_NOT_FOUND'],
  },
  adminKbVersions: {
    ...admin,
    method: 'GET',
    path: `${A}/kb/entries/{id}/versions`,
    summary: '历史版本 / every version of an entry, newest first',
    params: kbEntryParamsSchema,
    response: kbEntryVersionsResponseSchema,
    errors: [...ADMIN_ERRORS, 'ENTRY_NOT_FOUND'],
  },
  adminKbRevert: {
    ...admin,
    method: 'POST',
    path: `${A}/kb/entries/{id}/revert`,
    summary: '恢复版本 / bring an earlier version back, as a new version',
    params: kbEntryParamsSchema,
    body: kbRevertRequestSchema,
    response: kbEntryResponseSchema,
    errors: [...ADMIN_ERRORS, 'ENTRY_NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  adminKbSearch: {
    ...admin,
    method: 'POST',
    path: `${A}/kb/search`,
    summary: '命中测试 / the ranked entries with scores, exactly what the engine would use for a question',
    body: kbSearchRequestSchema,
    response: kbSearchResponseSchema,
    errors: [...ADMIN_ERRORS, 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  adminKbExport: {
    ...admin,
    method: 'GET',
    path: `${A}/kb/export`,
    summary: '导出知识库 / the knowledge base in the KB_DIR format: a zip of Markdown files, or one Markdown file',
    query: kbExportQuerySchema,
    produces: ['application/zip', 'text/markdown'],
    errors: [...ADMIN_ERRORS],
  },
  adminKbImport: {
    ...admin,
    method: 'POST',
    path: `${A}/kb/import`,
    summary: '导入知识库 / import Markdown (or a zip of it) in the KB_DIR format',
    body: kbImportRequestSchema,
    response: kbImportResponseSchema,
    errors: [...ADMIN_ERRORS, 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  adminSynonyms: {
    ...admin,
    method: 'GET',
    path: `${A}/kb/synonyms`,
    summary: '同义词 / the synonyms list (one group of equivalent words a line)',
    response: kbSynonymsResponseSchema,
    errors: [...ADMIN_ERRORS],
  },
  adminSynonymsUpdate: {
    ...admin,
    method: 'PUT',
    path: `${A}/kb/synonyms`,
    summary: '修改同义词 / replace the synonyms list; the previous version stays',
    body: kbSynonymsUpdateSchema,
    response: kbSynonymsResponseSchema,
    errors: [...ADMIN_ERRORS, 'VERSION_CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  },
  adminSynonymsVersions: {
    ...admin,
    method: 'GET',
    path: `${A}/kb/synonyms/versions`,
    summary: '同义词历史 / every version of the synonyms list, newest first',
    response: kbSynonymsVersionsResponseSchema,
    errors: [...ADMIN_ERRORS],
  },
  adminStats: {
    ...admin,
    method: 'GET',
    path: `${A}/stats`,
    summary: '课程数据 / questions, students, sessions, 👍/👎, unanswered rate, blocked, latency p50/p95, per day',
    query: adminStatsQuerySchema,
    response: adminStatsResponseSchema,
    errors: [...ADMIN_ERRORS],
  },
  adminModeration: {
    ...admin,
    method: 'GET',
    path: `${A}/moderation`,
    summary: '审核记录 / blocked inputs and outputs (the audit log), newest first, paged',
    query: adminModerationQuerySchema,
    response: adminModerationResponseSchema,
    errors: [...ADMIN_ERRORS],
  },
  adminForgetStudent: {
    ...admin,
    method: 'DELETE',
    path: `${A}/students/{pseudonym}`,
    summary: '删除学生数据 / delete every session, turn and feedback of one student (right to be forgotten)',
    params: studentParamsSchema,
    response: forgetResponseSchema,
    errors: [...ADMIN_ERRORS],
  },
} as const satisfies Record<string, RouteDef>;
