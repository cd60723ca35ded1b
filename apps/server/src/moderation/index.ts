// Content moderation (issue #13): filters behind the ContentFilter port, their chain, and the stream gate.
export { createFilterChain, DEFAULT_ON_ERROR } from './filter-chain.js';
export type { FilterChainOptions, OnError } from './filter-chain.js';
export { moderationSettings, onErrorSchema } from './moderation-settings.js';
export { normaliseForMatching } from './normalise-text.js';
export type { NormalisedText } from './normalise-text.js';
export { StreamGate } from './stream-gate.js';
export type { GateResult, StreamGateOptions } from './stream-gate.js';
export { createWechatFilter, MSG_SEC_CHECK_MAX_CHARS } from './wechat-filter.js';
export type { WechatFilterOptions } from './wechat-filter.js';
export { parseWordList, WordsFilter } from './words-filter.js';
export type { TermMatch } from './words-filter.js';
