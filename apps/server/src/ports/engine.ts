import type { Source } from '@mpchat/contract';

/** A previous exchange in the conversation, given to engines that keep memory. */
export interface HistoryTurn {
  /** What the user asked. */
  user: string;
  /** What the bot answered (possibly stopped early). */
  assistant: string;
}

/** What an engine is asked to answer. */
export interface EngineInput {
  sessionId: string;
  /** Sequence number of the turn being answered. */
  seq: number;
  /** The user's message. */
  message: string;
  /** Earlier exchanges of this session, newest first. */
  history: HistoryTurn[];
  /** Fires when the user stops the reply, the session is destroyed, or the server shuts down. */
  signal: AbortSignal;
}

/**
 * Metadata an engine may yield between text pieces: the knowledge-base sections it used and,
 * optionally, up to 3 short follow-up questions (the reply's `suggestions`; the last ones yielded win).
 */
export interface EngineMeta {
  sources: Source[];
  suggestions?: string[];
  /**
   * Whether the engine found an answer to the question: `false` when the knowledge base had
   * none and the reply says so (a question a teacher may want to add), `true` for an answer
   * (with `sources`) or small talk. Yielded once per answer; absent when the engine cannot tell.
   */
  matched?: boolean;
}

/** One knowledge-base entry an engine answers from (as teachers keep it in the store). */
export interface KnowledgeEntry {
  id: string;
  title: string;
  /** Markdown. */
  body: string;
  /** The `# ` title of its file. */
  topic: string;
  file: string;
}

/** What an engine answers from: the enabled entries and the synonyms list (`synonyms.txt` format). */
export interface Knowledge {
  entries: KnowledgeEntry[];
  synonyms: string;
}

/** The entries an engine would use for a question, best first, and whether it would answer from them. */
export interface KnowledgeRanking {
  matched: boolean;
  hits: { id: string; title: string; topic: string; score: number }[];
}

/** A word of a question as the engine analyses it, with how much it tells questions apart (higher: rarer). */
export interface QuestionTerm {
  term: string;
  weight: number;
}

/** A piece of reply text, or metadata about the reply. */
export type EngineChunk = string | EngineMeta;

/**
 * The reply-engine port. `answer` yields the reply as text deltas (their concatenation is the
 * reply), optionally interleaved with {@link EngineMeta}. It must stop promptly when `signal`
 * aborts. Throwing an {@link EngineError} ends the turn as failed with that code.
 */
export interface ReplyEngine {
  readonly name: string;
  answer(input: EngineInput): AsyncIterable<EngineChunk>;
  /** Whether the engine can answer now (readiness probe). */
  isReady(): boolean;
  /** Reloads its data (SIGHUP). */
  reload?(): Promise<void>;
  /**
   * Answers from `knowledge` from now on (the knowledge base kept in the store): the new index is
   * built completely, then swapped in, so answers in flight keep the one they started with.
   */
  useKnowledge?(knowledge: Knowledge): void;
  /** The hit test: what answering `question` would draw on, exactly as the engine ranks it. */
  rank?(question: string, limit: number): KnowledgeRanking;
  /**
   * A question's terms as this engine's ranker sees them (segmentation, domain words, synonyms
   * and typo repair applied), weighted by how rare each is. Teachers' lists group similar
   * questions with it; engines without an analysis of their own leave it out.
   */
  questionTerms?(question: string): QuestionTerm[];
  /** Releases resources on shutdown. */
  close?(): Promise<void>;
}

/** Failure codes an engine may end a turn with. */
export type EngineErrorCode = 'GENERATION_FAILED' | 'UPSTREAM_ERROR' | 'UPSTREAM_TIMEOUT' | 'RATE_LIMITED';

/** An engine failure with a code from the contract's error table. The message is shown to the client. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EngineError';
  }
}
