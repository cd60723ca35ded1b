import { normalizeTerm } from './kb-glossary.js';

/**
 * Parses the text of a knowledge base's `synonyms.txt`: one group a line, words separated by
 * spaces (or commas), `#` starts a comment. The first word of a group is the form the others
 * are indexed and searched as. A multi-word English term is written with hyphens
 * (`router-on-a-stick`) and also matches when typed with spaces.
 *
 * @example
 * parseSynonyms('默认 缺省\nSTP 生成树') // → [['默认', '缺省'], ['stp', '生成树']]
 */
export function parseSynonyms(text: string): string[][] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .map((line) => line.split(/[\s,，、]+/).filter(Boolean).map(normalizeTerm))
    .filter((group) => group.length > 1);
}

/**
 * One map from every word of every group to its group's canonical word (canonical words map to
 * themselves). Groups that share a word are merged, earlier groups' canonical word winning: a
 * course's own file is passed first, so its choice holds over the shipped glossary's.
 */
export function synonymMap(groups: readonly (readonly string[])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of groups) {
    const canonical = group.map((word) => map.get(word)).find((c) => c !== undefined) ?? group[0]!;
    for (const word of group) if (!map.has(word)) map.set(word, canonical);
  }
  return map;
}
