import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseKbMarkdown } from '../engines/kb/kb-parser.js';

/** An entry as the KB_DIR Markdown format holds it: its file, topic, position, title and body. */
export interface KbFileEntry {
  file: string;
  topic: string;
  /** 1-based position within its file. */
  rank: number;
  title: string;
  body: string;
}

/** The file a teacher's entry goes to when none is named, and its topic. */
export const TEACHER_FILE = 'teacher-answers.md';
export const TEACHER_TOPIC = '教师补充';

// Files of a KB_DIR that hold no entries (the folder's README and the chat's opening message).
const NOT_ENTRIES = new Set(['readme.md', 'welcome.md']);

/**
 * One topic file: `# topic`, then each entry as `## title` and its body, separated by a blank line.
 * This is how the shipped KB is written, so exporting it gives the shipped files back byte for byte.
 */
export function renderKbFile(topic: string, entries: readonly Pick<KbFileEntry, 'title' | 'body'>[]): string {
  return `# ${topic}\n\n${entries.map((e) => (e.body ? `## ${e.title}\n${e.body}\n` : `## ${e.title}\n`)).join('\n')}`;
}

/** Entries grouped into files (sorted by name, entries by rank), rendered. */
export function renderKbFiles(entries: readonly KbFileEntry[]): Map<string, string> {
  const byFile = new Map<string, KbFileEntry[]>();
  for (const e of [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.rank - b.rank))) {
    byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  }
  return new Map([...byFile].map(([file, list]) => [file, renderKbFile(list[0]!.topic, list)]));
}

/** Every entry of Markdown files (KB_DIR format), by file name order. README.md and welcome.md hold none. */
export function parseKbFiles(files: ReadonlyMap<string, string>): KbFileEntry[] {
  return [...files]
    .filter(([name]) => /\.md$/i.test(name) && !NOT_ENTRIES.has(name.toLowerCase()))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([file, text]) => parseKbMarkdown(text, file).map((e, i) => ({ file, topic: e.topic, rank: i + 1, title: e.title, body: e.body })));
}

/** The files as one zip (the KB_DIR folder's layout, flat). */
export function zipKbFiles(files: ReadonlyMap<string, string>): Uint8Array {
  return zipSync(Object.fromEntries([...files].map(([name, text]) => [name, strToU8(text)])), { level: 6, mtime: new Date(Date.UTC(2026, 0, 1)) });
}

/** Largest total size of an imported zip once unpacked: a zip bomb stops here. */
export const MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;

/**
 * The Markdown files of a zip (folders flattened, other files ignored). Throws on a broken zip
 * or one that unpacks to more than {@link MAX_UNZIPPED_BYTES}.
 */
export function unzipKbFiles(zip: Uint8Array): Map<string, string> {
  let total = 0;
  const raw = unzipSync(zip, {
    filter: (f) => {
      total += f.originalSize;
      if (total > MAX_UNZIPPED_BYTES) throw new RangeError(`the zip unpacks to more than ${MAX_UNZIPPED_BYTES} bytes`);
      return /\.md$/i.test(f.name) && !f.name.endsWith('/');
    },
  });
  return new Map(Object.entries(raw).map(([name, bytes]) => [name.split('/').pop()!, strFromU8(bytes)]));
}
