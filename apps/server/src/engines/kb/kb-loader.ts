import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKbMarkdown, type KbEntry } from './kb-parser.js';

export type { KbEntry } from './kb-parser.js';

/**
 * Reads every `*.md` file directly in `dir` (sorted by name, not recursive, README.md and
 * welcome.md — the chat's opening message — in any case skipped) and returns their entries in file order.
 *
 * Throws an `Error` naming the folder when it is missing, is not a folder, or yields no
 * entries: an empty knowledge base would make every answer the fallback, which is better
 * caught at startup or reload than discovered by students.
 *
 * @example
 * const entries = await loadKnowledgeBase('./kb');
 */
export async function loadKnowledgeBase(dir: string | URL): Promise<KbEntry[]> {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  let names: string[];
  try {
    names = await readdir(path);
  } catch (cause) {
    throw new Error(`[kb] cannot read knowledge-base folder ${path}: ${describe(cause)}`, { cause });
  }

  const files = names.filter((name) => /\.md$/i.test(name) && !['readme.md', 'welcome.md'].includes(name.toLowerCase())).sort();
  const entries: KbEntry[] = [];
  for (const file of files) {
    const filePath = join(path, file);
    // stat follows symlinks, so a linked topic file counts and a folder named x.md does not.
    if (!(await stat(filePath)).isFile()) continue;
    entries.push(...parseKbMarkdown(await readFile(filePath, 'utf8'), file));
  }

  if (entries.length === 0) {
    throw new Error(`[kb] knowledge-base folder ${path} has no entries (expected *.md files with "## " headings)`);
  }
  return entries;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'ENOTDIR') return 'not a folder';
  return error instanceof Error ? error.message : String(error);
}

/**
 * The text of `synonyms.txt` in `dir` (any case of the name), or '' when there is none. Read
 * with the entries, so a SIGHUP picks up an edited synonyms file too.
 */
export async function readSynonyms(dir: string | URL): Promise<string> {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const name = (await readdir(path)).find((file) => file.toLowerCase() === 'synonyms.txt');
  return name === undefined ? '' : readFile(join(path, name), 'utf8');
}
