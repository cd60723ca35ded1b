/**
 * Words that carry the shape of a question rather than its subject. Almost every KB title is
 * phrased the way students ask ("…怎么办", "…是什么"), so with a title boost these words
 * would otherwise outrank the protocol names and symptoms that actually identify an entry.
 * Entries are compared after NFKC + lowercase, i.e. as the tokenizer emits them.
 */
export const KB_STOP_WORDS: ReadonlySet<string> = new Set([
  // Asking and politeness.
  '请问', '问', '请', '请教', '老师', '同学', '麻烦', '谢谢', '你好', '您好', '想', '想问', '知道',
  // Question words; the segmenter splits "怎么办" into "怎么" + "办", so both halves are here.
  '怎么', '怎么办', '办', '怎样', '怎么样', '什么', '为什么', '为啥', '啥', '如何', '哪', '哪个',
  '哪些', '是否', '能不能', '可不可以', '有没有', '咋', '咋办', '咋整', '咋弄', '干嘛', '干啥', '怎么回事', '回事',
  '什么样', '是不是', '意思', '原因', '解决', '一般', '应该', '具体', '需要', '用', '下', '里', '上', '中',
  '哈', '呃', '嗯', '吧', '啦', '一些', '其他', '别的', '这样', '那样', '然后', '但是', '可是', '已经',
  '好', '行', '对应', '比如', '打', '老是', '总', '为啥', '如果', '那么', '一样', '不同', '啥子',
  // Particles, pronouns and glue.
  '吗', '呢', '吧', '啊', '呀', '嘛', '的', '地', '得', '了', '着', '过', '是', '我', '我们', '你',
  '你们', '他', '她', '它', '这', '那', '这个', '那个', '这里', '一下', '一个', '和', '与', '或',
  '在', '就', '都', '也', '还', '还是', '又', '要', '会', '能', '可以', '有', '没', '没有', '不',
  '给', '把', '被', '让', '对', '从', '到', '时', '时候', '一直', '总是', '问题', '情况', '个', '些', '该',
  '这边', '那边', '自己', '大家', '您', '请问一下', '谁', '多少', '几', '吗', '弄', '搞', '做', '写',
  // The few English words students wrap around command names.
  'the', 'a', 'an', 'is', 'are', 'how', 'what', 'why', 'do', 'does', 'to', 'of', 'i', 'my',
]);

const HAN_WORD = /^\p{Script=Han}+$/u;

/**
 * Whether a normalised segment is a stop word or made only of stop words: the segmenter
 * glues function words together ("一直是", "我的"), and such a compound means no more than
 * its parts.
 */
export function isStopWord(segment: string): boolean {
  if (KB_STOP_WORDS.has(segment)) return true;
  const known = compounds.get(segment);
  if (known !== undefined) return known;
  const stop = isStopCompound(segment);
  // Remembered: indexing a large knowledge base asks about the same few thousand words a million times.
  if (compounds.size < 200_000) compounds.set(segment, stop);
  return stop;
}

const compounds = new Map<string, boolean>();

function isStopCompound(segment: string): boolean {
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
