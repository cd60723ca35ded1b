import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import MiniSearch from 'minisearch';
import type { KbEntry } from '@mpchat/server';

const require = createRequire(import.meta.url);
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };

/**
 * The baseline the engine is compared with: plain BM25 (MiniSearch's defaults) over titles and
 * bodies, words cut by jieba's search mode, lowercased, nothing else — no stop words, synonyms,
 * typo repair, entities, confidence or conversation. It answers with its best hit whenever any
 * word matches (it has no other way to say "no match").
 */
export class Bm25Baseline {
  readonly #index: MiniSearch<KbEntry>;
  readonly #byId: Map<string, KbEntry>;

  constructor(entries: readonly KbEntry[]) {
    const jieba = Jieba.withDict(dict);
    const tokenize = (text: string) => jieba.cutForSearch(text.toLowerCase(), true).filter((w) => /[\p{L}\p{N}]/u.test(w));
    this.#index = new MiniSearch<KbEntry>({ fields: ['title', 'body'], tokenize, processTerm: (t) => t });
    this.#index.addAll(entries);
    this.#byId = new Map(entries.map((e) => [e.id, e]));
  }

  /** Entry ids, best first. */
  search(question: string, limit = 3): string[] {
    return this.#index
      .search(question)
      .slice(0, limit)
      .map((r) => this.#byId.get(r.id as string)!.id);
  }
}
