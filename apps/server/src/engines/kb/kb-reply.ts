import type { Source } from '@mpchat/contract';
import type { HistoryTurn } from '../../ports/engine.js';
import { chitChat, chitChatReply } from './kb-chitchat.js';
import { resolveQuestion } from './kb-follow-up.js';
import type { KbHit, KnowledgeBase } from './kb-index.js';
import { titleAsQuestion } from './kb-suggestions.js';

/** How sure the engine must be before it answers with an entry. */
export interface KbReplyOptions {
  /** Confidence (0–1, see `KbHit.confidence`) the best entry needs to be given as the answer. */
  minConfidence: number;
  /** How many related entry titles to list after an answer. */
  suggestions: number;
}

/** What the engine says: the text, the entries it drew on, and whether it had an answer. */
export interface KbReply {
  text: string;
  sources: Source[];
  /**
   * False when the knowledge base had no answer (the honest fallback): a teacher's list of
   * unanswered questions. True for an answer, and for small talk (nothing was asked).
   */
  matched: boolean;
  /** The entry that answered (absent for the fallback and small talk). */
  best?: KbHit;
  /** For the fallback: the closest entries, phrased as questions a student can tap. */
  closest?: string[];
  /** The entries considered, best first (what evaluations score top-3 on). */
  ranked: KbHit[];
}

/** Related titles must reach this share of the best score, so a strong answer is not followed by tangents. */
const RELATED_SHARE_OF_BEST = 0.25;
/** …and half the confidence an answer needs. */
const RELATED_SHARE_OF_MIN = 0.5;
/** How many closest entries the fallback offers. */
const CLOSEST = 3;
const SEARCHED = 10;
/** Confidences this close count as a tie the conversation may break (0.05, 0.1, 0.2 tried on the dev set: 0.05 best). */
const NEAR_TIE = 0.05;

/**
 * How close to the best entry's score (BM25 with entity agreement) a runner-up must be to answer
 * in its place. On the dev part of bench/kb-quality anything up to 0.85 answered two more in-KB
 * questions rightly and no out-of-KB one (even 0 did); 0.9 one, 0.95 none. 0.8 keeps it to a
 * runner-up that is nearly level with the best.
 */
const RUNNER_UP_SHARE = 0.8;

/**
 * `hits` with the runner-up first when the best-ranked entry is not sure enough to answer but the
 * runner-up is and scores nearly as well: rank and confidence are two readings of one match, and
 * an entry that ranks a close second while holding the question answers better than "no answer".
 */
export function preferSureRunnerUp(hits: KbHit[], minConfidence: number): KbHit[] {
  const [best, second] = hits;
  if (!best || !second || best.confidence >= minConfidence) return hits;
  if (second.confidence < minConfidence || second.score < best.score * RUNNER_UP_SHARE) return hits;
  return [second, best, ...hits.slice(2)];
}

/**
 * Decides what to say to `message`: a short reply to small talk; the best entry with related
 * titles when its confidence reaches `minConfidence` (a follow-up first tried with the previous
 * question filled in); otherwise an honest "no answer" that offers the closest entries.
 */
export function composeReply(kb: KnowledgeBase, message: string, history: readonly HistoryTurn[], options: KbReplyOptions): KbReply {
  const smallTalk = chitChat(message);
  if (smallTalk) return { text: chitChatReply(smallTalk), sources: [], matched: true, ranked: [] };

  const resolved = resolveQuestion(kb, message, history);
  let hits = kb.searchTerms(resolved.terms, SEARCHED);
  if (resolved.inContext && hits[0]) {
    // The conversation breaks a near tie: when the question alone fits two entries about equally,
    // the one the previous question points to is meant.
    const [inContext] = kb.searchTerms(resolved.inContext, 1);
    const same = hits.find((hit) => hit.entry.id === inContext?.entry.id);
    if (same && same !== hits[0] && same.confidence >= hits[0].confidence - NEAR_TIE) hits = [same, ...hits.filter((hit) => hit !== same)];
  }
  if (resolved.followUp && !((hits[0]?.confidence ?? 0) >= options.minConfidence)) {
    const alone = kb.search(message, SEARCHED);
    if ((alone[0]?.confidence ?? 0) >= options.minConfidence || hits.length === 0) hits = alone;
  }
  hits = preferSureRunnerUp(hits, options.minConfidence);
  const [best] = hits;
  if (best === undefined || best.confidence < options.minConfidence) return fallback(kb, hits);

  const related = hits
    .slice(1)
    .filter((hit) => hit.score >= best.score * RELATED_SHARE_OF_BEST && hit.confidence >= options.minConfidence * RELATED_SHARE_OF_MIN)
    .slice(0, options.suggestions);
  let text = `**${best.entry.title}**\n\n${best.entry.body}`;
  if (related.length > 0) text += `\n\n相关问题：${related.map((hit) => hit.entry.title).join('；')}`;
  return { text, sources: [best, ...related].map((hit) => ({ title: hit.entry.title })), matched: true, best, ranked: hits };
}

function fallback(kb: KnowledgeBase, hits: KbHit[]): KbReply {
  const intro =
    '抱歉，知识库里没有能回答这个问题的内容。' +
    '可以换个说法再问一次，写明协议或设备名称、实验现象和报错信息会更容易找到答案。';
  const closest = hits.slice(0, CLOSEST);
  if (closest.length === 0) {
    return { text: `${intro}\n\n目前知识库涵盖这些主题：${kb.topics.join('；')}`, sources: [], matched: false, closest: [], ranked: hits };
  }
  return {
    text: `${intro}\n\n最接近的条目：${closest.map((hit) => hit.entry.title).join('；')}`,
    sources: [],
    matched: false,
    closest: closest.map((hit) => titleAsQuestion(hit.entry.title, 32) ?? hit.entry.title),
    ranked: hits,
  };
}
