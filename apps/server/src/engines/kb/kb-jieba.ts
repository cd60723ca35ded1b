import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

// The package's dictionary module is CommonJS that reads its dict.txt beside it.
const require = createRequire(import.meta.url);

let shared: Jieba | undefined;

/**
 * The process's one jieba segmenter with its general Chinese dictionary (shipped inside the
 * npm package, about 0.2 s to load, so it is built once, on first use). Domain words are not
 * added to it: each knowledge base matches its own dictionary before jieba sees the rest of
 * the text (see `KbAnalyzer`), so two knowledge bases in one process never influence each
 * other's segmentation.
 */
export function jieba(): Jieba {
  if (!shared) {
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    shared = Jieba.withDict(dict);
  }
  return shared;
}

/**
 * How many distinct runs of text {@link cutChinese} remembers. A knowledge base's Chinese comes to
 * jieba in short runs between punctuation, English words and domain phrases (4–5 characters on
 * average), and the same runs recur across entries (怎么配置, 路由器, 邻居状态); each call into the
 * native segmenter costs several microseconds however short the run. 200,000 runs of that length
 * are about 30 MB at most; past the bound the oldest half is dropped.
 */
const CUT_CACHE_LIMIT = 200_000;
const cuts = new Map<string, readonly string[]>();

/**
 * Chinese text cut into words (HMM on, so unknown names come out as words, not single
 * characters). Remembered per text for the life of the process — the dictionary never changes —
 * so a reload or a second knowledge base segments only text it has not seen. Do not modify the
 * returned array.
 */
export function cutChinese(text: string): readonly string[] {
  let words = cuts.get(text);
  if (words === undefined) {
    words = jieba().cut(text, true);
    if (cuts.size >= CUT_CACHE_LIMIT) {
      let drop = CUT_CACHE_LIMIT / 2;
      for (const key of cuts.keys()) {
        cuts.delete(key);
        if (--drop === 0) break;
      }
    }
    cuts.set(text, words);
  }
  return words;
}
