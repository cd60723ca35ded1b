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
  '哪些', '是否', '能不能', '可不可以', '有没有',
  // Particles, pronouns and glue.
  '吗', '呢', '吧', '啊', '呀', '嘛', '的', '地', '得', '了', '着', '过', '是', '我', '我们', '你',
  '你们', '他', '她', '它', '这', '那', '这个', '那个', '这里', '一下', '一个', '和', '与', '或',
  '在', '就', '都', '也', '还', '还是', '又', '要', '会', '能', '可以', '有', '没', '没有', '不',
  '给', '把', '被', '让', '对', '从', '到', '时', '时候', '一直', '总是', '问题', '情况',
  // The few English words students wrap around command names.
  'the', 'a', 'an', 'is', 'are', 'how', 'what', 'why', 'do', 'does', 'to', 'of', 'i', 'my',
]);
