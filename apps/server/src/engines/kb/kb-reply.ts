import type { Source } from '@mpchat/contract';
import type { KbHit, KnowledgeBase } from './kb-index.js';
import { tokenize } from './kb-tokenizer.js';

/** How sure the engine must be before it answers with an entry. */
export interface KbReplyOptions {
  /** BM25 score the best hit needs to be answered outright. */
  minScore: number;
  /** How many related entry titles to list after an answer. */
  suggestions: number;
}

/** The reply text and the entries it drew on (empty for the fallback). */
export interface KbReply {
  text: string;
  sources: Source[];
}

/**
 * The lower threshold, as a share of `minScore`: a weak hit still counts as the answer when it
 * is unambiguous (below), and related titles must reach it. Single-keyword questions that name
 * exactly one entry ("gns3", "pvid", "lacp") score 25–30 on the shipped KB.
 */
const LOWER_SHARE = 0.4;
/** Related titles must also reach this share of the best score, so a strong answer is not followed by tangents. */
const RELATED_SHARE_OF_BEST = 0.3;
/**
 * BM25 scores grow with the size of the knowledge base (rarer words weigh more among more
 * entries); `minScore` is calibrated on the shipped KB's size and scaled by ln(1 + size) for
 * another, so a deployer's ten-entry KB is not answered with fallbacks only.
 */
const REFERENCE_SIZE = 89;
/** How many partly matching titles the fallback offers (topics, its last resort, are all listed). */
const FALLBACK_TITLES = 3;

/**
 * Decides what to say to `message`: the best entry with related titles when the match is
 * good enough, otherwise an honest fallback pointing at what the knowledge base does hold.
 *
 * "Good enough" is the best hit scoring at least `minScore`, or, for short questions, at
 * least the lower threshold while containing every term of the question and scoring twice
 * the runner-up: a weak score then reflects a short question, not a wrong entry.
 */
export function composeReply(kb: KnowledgeBase, message: string, options: KbReplyOptions): KbReply {
  // More than we show: the fallback skips hits whose title shares no word with the question.
  const hits = kb.search(message, Math.max(options.suggestions + 1, 10));
  const [best, second] = hits;
  const scale = Math.min(2, Math.max(0.2, Math.log(1 + kb.size) / Math.log(1 + REFERENCE_SIZE)));
  const minScore = options.minScore * scale;
  const lower = minScore * LOWER_SHARE;
  const unambiguous =
    best !== undefined &&
    best.score >= lower &&
    best.terms.length === kb.queryTerms(message).length &&
    (second === undefined || best.score >= 2 * second.score);

  if (best === undefined || (best.score < minScore && !unambiguous)) {
    return { text: fallbackText(hits, kb.topics), sources: [] };
  }
  const floor = Math.max(lower, best.score * RELATED_SHARE_OF_BEST);
  const related = hits.slice(1).filter((hit) => hit.score >= floor).slice(0, options.suggestions);
  let text = `**${best.entry.title}**\n\n${best.entry.body}`;
  if (related.length > 0) text += `\n\n相关问题：${related.map((hit) => hit.entry.title).join('；')}`;
  return { text, sources: [best, ...related].map((hit) => ({ title: hit.entry.title })) };
}

function fallbackText(hits: KbHit[], topics: string[]): string {
  const intro =
    '抱歉，知识库里没有找到能直接回答这个问题的内容。' +
    '可以换个说法再问一次，写明协议或设备名称、实验现象和报错信息会更容易找到答案。';
  // Only titles that share a word with the question: a hit found in a long body alone is
  // usually a coincidence ("电脑蓝屏" finding the eNSP error-40 entry) and would mislead.
  const partial = hits
    .filter((hit) => tokenize(hit.entry.title).some((term) => hit.terms.includes(term)))
    .slice(0, FALLBACK_TITLES)
    .map((hit) => hit.entry.title);
  if (partial.length > 0) return `${intro}\n\n可能相关的条目：${partial.join('；')}`;
  return `${intro}\n\n目前知识库涵盖这些主题：${topics.join('；')}`;
}
