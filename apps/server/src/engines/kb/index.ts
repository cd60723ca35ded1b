export { createKbEngine, type KbEngine, type KbEngineOptions } from './kb-engine.js';
export { KnowledgeBase, type KbHit } from './kb-index.js';
export { loadKnowledgeBase, type KbEntry } from './kb-loader.js';
export { tokenize } from './kb-tokenizer.js';
