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

/** Chinese text cut into words (HMM on, so unknown names come out as words, not single characters). */
export function cutChinese(text: string): string[] {
  return jieba().cut(text, true);
}
