import { KB_STOP_WORDS } from './kb-stop-words.js';

// One segmenter for the process: construction loads ICU data and is the slow part.
// Node ships full ICU, so 'zh' word segmentation needs no extra data.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN_WORD = /^\p{Script=Han}+$/u;

/**
 * Turns mixed Chinese/English text into search terms: ICU word segments, NFKC-normalised
 * (full-width `ＢＧＰ` → `bgp`) and lowercased, without punctuation, whitespace or stop words
 * ({@link isStopWord}). A Chinese word of three or more characters also yields its character
 * bigrams, because the segmenter does not always cut a phrase the same way ("停留在" in a
 * title, "停留" in a question) and the bigrams still meet.
 *
 * Shorter words get no single-character terms: measured on the shipped KB, they matched
 * unrelated questions (奖学金, 手机) and lowered the rank of right answers.
 *
 * @example
 * tokenize('请问BGP协议实验ping不通怎么办?') // → ['bgp', '协议', '实验', 'ping', '不通']
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!isWordLike || isStopWord(segment)) continue;
    terms.push(segment);
    const chars = Array.from(segment);
    if (chars.length < 3 || !HAN_WORD.test(segment)) continue;
    for (let i = 0; i + 1 < chars.length; i++) {
      const bigram = chars[i]! + chars[i + 1]!;
      if (!isStopWord(bigram)) terms.push(bigram);
    }
  }
  return terms;
}

/**
 * Whether a normalised segment is a stop word or made only of stop words: the segmenter
 * glues function words together ("一直是", "我的"), and such a compound means no more than
 * its parts. Without this, "一直是" in a question pulled "BGP邻居一直是Idle状态" above the
 * Active entry the student asked about.
 */
export function isStopWord(segment: string): boolean {
  if (KB_STOP_WORDS.has(segment)) return true;
  if (!HAN_WORD.test(segment)) return false;
  // covered[i]: the first i characters split into stop words. Segments are a few characters long.
  const chars = Array.from(segment);
  const covered: boolean[] = [true];
  for (let end = 1; end <= chars.length; end++) {
    covered[end] = false;
    for (let start = 0; start < end && !covered[end]; start++) {
      covered[end] = covered[start] === true && KB_STOP_WORDS.has(chars.slice(start, end).join(''));
    }
  }
  return covered[chars.length] === true;
}
