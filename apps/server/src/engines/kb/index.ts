export { createKbEngine, DEFAULT_MIN_CONFIDENCE, type KbEngine, type KbEngineOptions } from './kb-engine.js';
export { KnowledgeBase, type KbHit, type KnowledgeBaseOptions, type WeightedTerm } from './kb-index.js';
export { loadKnowledgeBase, readSynonyms, type KbEntry } from './kb-loader.js';
export { parseSynonyms } from './kb-synonyms.js';
export { composeReply, type KbReply, type KbReplyOptions } from './kb-reply.js';
export { resolveQuestion, type ResolvedQuestion } from './kb-follow-up.js';
