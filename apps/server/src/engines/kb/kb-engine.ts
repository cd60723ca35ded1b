import type { EngineChunk, EngineInput, Knowledge, KnowledgeRanking, QuestionTerm, ReplyEngine } from '../../ports/engine.js';
import { KnowledgeBase } from './kb-index.js';
import { composeReply } from './kb-reply.js';
import { questionTerms } from './kb-question-terms.js';
import { suggestFollowUps } from './kb-suggestions.js';
import { streamText } from './kb-text-stream.js';

/** Options of {@link createKbEngine}. */
export interface KbEngineOptions {
  /** Folder of `*.md` topic files and an optional `synonyms.txt` (see kb/README.md). */
  dir: string | URL;
  /**
   * Confidence (0–1) the best entry needs to be given as the answer; below it the reply says the
   * knowledge base has no answer and offers the closest entries. Default 0.45, calibrated on the
   * dev part of bench/kb-quality (see its RESULTS.md for what the held-out part scores with it).
   */
  minConfidence?: number;
  /** Code points per streamed chunk. Default 12. */
  chunkSize?: number;
  /** Pause between chunks in ms. Default 15. */
  chunkDelayMs?: number;
  /** Related titles listed after an answer, and follow-up questions offered with it (at most 3). Default 3. */
  suggestions?: number;
}

/** The built-in knowledge-base engine: a {@link ReplyEngine} whose `reload` is always available. */
export interface KbEngine extends ReplyEngine {
  readonly name: 'kb';
  /** Re-reads the folder; on failure keeps answering from the old index and rethrows. */
  reload(): Promise<void>;
  close(): Promise<void>;
  /** The index answers come from now (swapped whole by `reload` and `useKnowledge`). */
  readonly knowledgeBase: KnowledgeBase;
  useKnowledge(knowledge: Knowledge): void;
  rank(question: string, limit: number): KnowledgeRanking;
  questionTerms(question: string): QuestionTerm[];
}

/** Default of {@link KbEngineOptions.minConfidence}. */
export const DEFAULT_MIN_CONFIDENCE = 0.45;

/**
 * Loads the knowledge base in `options.dir` and returns an engine that answers each message
 * with the best-matching entry, streamed in small chunks, or with an honest fallback. Each
 * answer yields its metadata once, before the text: `matched: false` and the closest entries as
 * suggestions when the knowledge base had no answer. Rejects when the folder is missing or has
 * no entries.
 *
 * @example
 * const engine = await createKbEngine({ dir: process.env.KB_DIR ?? './kb' });
 * process.on('SIGHUP', () => engine.reload().catch((err) => log.error({ err }, 'kb reload failed')));
 */
export async function createKbEngine(options: KbEngineOptions): Promise<KbEngine> {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const chunkSize = options.chunkSize ?? 12;
  const chunkDelayMs = options.chunkDelayMs ?? 15;
  const suggestions = options.suggestions ?? 3;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RangeError(`[kb] minConfidence must be between 0 and 1, got ${minConfidence}`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`[kb] chunkSize must be a positive integer, got ${chunkSize}`);
  if (!(chunkDelayMs >= 0)) throw new RangeError(`[kb] chunkDelayMs must be >= 0, got ${chunkDelayMs}`);
  if (!Number.isInteger(suggestions) || suggestions < 0) throw new RangeError(`[kb] suggestions must be an integer >= 0, got ${suggestions}`);

  let kb = await KnowledgeBase.load(options.dir);
  // Once the knowledge comes from the store, the store is the source: SIGHUP no longer re-reads the folder.
  let fromStore = false;

  return {
    name: 'kb',
    get knowledgeBase() {
      return kb;
    },
    async *answer(input: EngineInput): AsyncGenerator<EngineChunk> {
      if (input.signal.aborted) return;
      const reply = composeReply(kb, input.message, input.history, { minConfidence, suggestions });
      if (reply.best) {
        // Follow-ups from the entry that answered (the first source), never one listed already.
        const followUps = suggestFollowUps(kb, { question: input.message, sources: reply.sources.slice(0, 1) }, { limit: suggestions });
        yield { sources: reply.sources, suggestions: followUps, matched: true };
      } else {
        yield { sources: [], matched: reply.matched, ...(reply.closest?.length ? { suggestions: reply.closest.slice(0, suggestions) } : {}) };
      }
      yield* streamText(reply.text, { chunkSize, chunkDelayMs, signal: input.signal });
    },
    isReady: () => true,
    async reload() {
      // Build the new index completely before swapping: a failed load leaves `kb` untouched,
      // and answers in flight keep the index they started with.
      if (!fromStore) kb = await KnowledgeBase.load(options.dir);
    },
    useKnowledge(knowledge) {
      const entries = knowledge.entries.map((e) => ({ id: e.id, title: e.title, body: e.body, topic: e.topic, file: e.file }));
      kb = KnowledgeBase.build(entries, { synonyms: knowledge.synonyms });
      fromStore = true;
    },
    rank(question, limit) {
      const matched = composeReply(kb, question, [], { minConfidence, suggestions }).best !== undefined;
      return { matched, hits: kb.search(question, limit).map((h) => ({ id: h.entry.id, title: h.entry.title, topic: h.entry.topic, score: h.score })) };
    },
    questionTerms: (question) => questionTerms(kb, question),
    async close() {},
  };
}
