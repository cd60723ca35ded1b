import type { Source } from '@mpchat/contract';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { HistoryTurn } from '../../ports/engine.js';
import { resolveQuestion, type KbHit, type KnowledgeBase } from '../kb/index.js';
import { QUESTION_HITS } from '../kb/kb-suggestions.js';

/** Where the knowledge-base sections go in the system prompt file; appended at the end when absent. */
export const KNOWLEDGE_PLACEHOLDER = '{{knowledge}}';

/** Said in place of the sections when retrieval found nothing, so the model knows to say so. */
const NO_SECTIONS = '（知识库中没有找到与这个问题相关的条目。）';

/** The request's messages and the sections they carry. */
export interface GroundedMessages {
  messages: ChatCompletionMessageParam[];
  /** The sections put into the system prompt, best first (what the reply's `sources` lists). */
  sources: Source[];
  /**
   * The question's own search ({@link QUESTION_HITS} best, best first) when grounding searched the
   * question as it stands (not a follow-up filled in from the previous one): the follow-up
   * suggestions weigh the same search, so it is run once per reply.
   */
  questionHits?: KbHit[];
}

/** What {@link groundedMessages} needs. */
export interface GroundingOptions {
  /** The system prompt template (the prompt file's text). */
  systemPrompt: string;
  /** How many sections to retrieve; 0 turns grounding off. */
  topK: number;
  /** Character budget for earlier turns. */
  historyChars: number;
}

/**
 * Builds a Chat Completions request for one question: the system prompt with the `topK`
 * best-matching knowledge-base sections (a follow-up such as "那RIP呢" searched with the
 * previous question filled in, as the kb engine does), the earlier turns that fit the history
 * budget (oldest first), then the question.
 *
 * @example
 * const { messages, sources } = groundedMessages(kb, input.message, input.history, { systemPrompt, topK: 4, historyChars: 4000 });
 */
export function groundedMessages(kb: KnowledgeBase, message: string, history: HistoryTurn[], options: GroundingOptions): GroundedMessages {
  const { hits, questionHits } = groundingSearch(kb, message, history, options.topK);
  const sources = [...new Set(hits.map((hit) => hit.entry.title))].map((title) => ({ title }));
  return {
    messages: [
      { role: 'system', content: systemPromptWith(options.systemPrompt, hits, options.topK > 0) },
      ...historyMessages(history, options.historyChars),
      { role: 'user', content: message },
    ],
    sources,
    ...(questionHits ? { questionHits } : {}),
  };
}

/**
 * The `topK` sections for the question, and the question's own search when it is the same one:
 * a question that continues the previous one is searched with that one's words filled in, any
 * other with its own terms, as `kb.search` does; the best `topK` of a longer search are its
 * `topK` best, so one search serves both.
 */
function groundingSearch(kb: KnowledgeBase, message: string, history: HistoryTurn[], topK: number): { hits: KbHit[]; questionHits?: KbHit[] } {
  if (topK <= 0) return { hits: [] };
  const resolved = resolveQuestion(kb, message, history);
  if (resolved.followUp) return { hits: kb.searchTerms(resolved.terms, topK) };
  const questionHits = kb.searchTerms(resolved.terms, Math.max(topK, QUESTION_HITS));
  return { hits: questionHits.slice(0, topK), questionHits: questionHits.slice(0, QUESTION_HITS) };
}

/**
 * The system prompt with the sections in place of {@link KNOWLEDGE_PLACEHOLDER} (or appended).
 * Each section is wrapped in a `<section title=…>` tag: bodies hold Markdown headings and code
 * blocks, so a tag marks where a section starts and ends more plainly than Markdown could, and
 * the title attribute is the exact text the model is asked to cite.
 */
export function systemPromptWith(template: string, hits: KbHit[], grounding = true): string {
  const knowledge = !grounding
    ? ''
    : hits.length === 0
      ? NO_SECTIONS
      : hits.map(({ entry }) => `<section title="${attr(entry.title)}" topic="${attr(entry.topic)}">\n${entry.body.trim()}\n</section>`).join('\n\n');
  if (template.includes(KNOWLEDGE_PLACEHOLDER)) return template.split(KNOWLEDGE_PLACEHOLDER).join(knowledge).trim();
  return knowledge ? `${template.trimEnd()}\n\n${knowledge}` : template.trim();
}

/**
 * Earlier turns (given newest first) as user/assistant messages in chronological order: as many
 * whole turns, newest first, as fit in `maxChars` characters. A turn that does not fit ends the
 * window, so the model never sees a conversation with a hole in it. Turns without a reply (failed
 * before any text) are left out: they carry no answer, and two user messages in a row are refused
 * by some providers.
 */
export function historyMessages(history: HistoryTurn[], maxChars: number): ChatCompletionMessageParam[] {
  const kept: HistoryTurn[] = [];
  let used = 0;
  for (const turn of history) {
    if (turn.assistant.trim() === '') continue;
    used += turn.user.length + turn.assistant.length;
    if (used > maxChars) break;
    kept.push(turn);
  }
  return kept.reverse().flatMap((turn): ChatCompletionMessageParam[] => [
    { role: 'user', content: turn.user },
    { role: 'assistant', content: turn.assistant },
  ]);
}

function attr(text: string): string {
  return text.replaceAll('"', '&quot;').replaceAll('\n', ' ');
}
