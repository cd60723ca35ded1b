/** What kind of small talk a message is. */
export type ChitChat = 'greeting' | 'thanks' | 'bye' | 'identity';

const PHRASES: Record<ChitChat, string[]> = {
  greeting: ['你好', '您好', '你们好', '大家好', '老师好', '早上好', '下午好', '晚上好', '早', '在吗', '在不在', '有人吗', 'hello', 'hi', 'hey', '哈喽', '嗨'],
  thanks: ['谢谢', '多谢', '感谢', '谢啦', '谢了', 'thanks', 'thank you', 'thx', '辛苦了', '好的', '明白了', '明白', '懂了', '知道了', '收到', '了解', 'ok', '好', '太棒了', '有用'],
  bye: ['再见', '拜拜', 'bye', '下次见', '晚安'],
  identity: ['你是谁', '你是什么', '你能做什么', '你会什么', '你可以做什么'],
};
/** Words that may surround small talk without making it a question. */
const FILLER = ['老师', '同学', '助教', '您', '你', '啊', '呀', '哈', '哈哈', '的', '了', '啦', '嗯', '哦', '噢', '呢', '吧', '呃', '非常', '真的', '很', '们'];
const ORDER = (Object.keys(PHRASES) as ChitChat[]).flatMap((kind) => PHRASES[kind].map((phrase) => ({ kind, phrase })));
ORDER.sort((a, b) => b.phrase.length - a.phrase.length);
const FILLER_SORTED = [...FILLER].sort((a, b) => b.length - a.length);

/**
 * Whether `message` is only small talk (greetings, thanks, goodbye, "who are you"), and which:
 * what is left after removing those phrases, filler words, punctuation, emoji and spaces must be
 * nothing. "你好，OSPF怎么配" is a question, not a greeting.
 */
export function chitChat(message: string): ChitChat | undefined {
  let rest = message.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]/gu, '');
  if (rest.length === 0 || rest.length > 24) return undefined;
  const kinds: ChitChat[] = [];
  outer: while (rest.length > 0) {
    for (const { kind, phrase } of ORDER) {
      const bare = phrase.replace(/\s/g, '');
      if (rest.startsWith(bare)) {
        kinds.push(kind);
        rest = rest.slice(bare.length);
        continue outer;
      }
    }
    const filler = FILLER_SORTED.find((word) => rest.startsWith(word));
    if (filler === undefined) return undefined;
    rest = rest.slice(filler.length);
  }
  // "谢谢，再见": the last thing said is what to answer.
  return kinds.at(-1);
}

/** A short friendly reply to small talk. */
export function chitChatReply(kind: ChitChat): string {
  switch (kind) {
    case 'greeting':
      return '你好！有课程实验的问题可以直接问我，写明协议或设备名称、实验现象和报错信息会更容易找到答案。';
    case 'identity':
      return '我是课程的问答助手，答案来自课程的知识库。有问题直接问我就好。';
    case 'thanks':
      return '不客气！还有问题随时问我。';
    case 'bye':
      return '再见！有问题随时再来问。';
  }
}
