import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseKbFiles, type KbFileEntry } from './kb-files.js';

/**
 * The entries of a KB_DIR folder (its `*.md` files, not recursive), to seed an empty store.
 * Throws naming the folder when it cannot be read.
 */
export async function readKbDir(dir: string): Promise<KbFileEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.md$/i.test(n));
  } catch (cause) {
    throw new Error(`[kb] cannot read knowledge-base folder ${dir}: ${(cause as Error).message}`, { cause });
  }
  const files = new Map<string, string>();
  for (const name of names) {
    // stat follows symlinks, so a linked topic file counts and a folder named x.md does not.
    if ((await stat(join(dir, name))).isFile()) files.set(name, await readFile(join(dir, name), 'utf8'));
  }
  return parseKbFiles(files);
}

/** The text of the folder's `synonyms.txt`, or undefined when it has none. */
export async function readKbSynonyms(dir: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, 'synonyms.txt'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
