/** One knowledge-base entry: a `## ` section of a topic file. */
export interface KbEntry {
  /** Stable within one load: `{file}#{n}`, n counting the file's entries from 1. */
  id: string;
  /** The `## ` heading text, phrased the way students ask. */
  title: string;
  /** Everything up to the next `## ` heading, trimmed; Markdown kept as written. */
  body: string;
  /** File name the entry came from, e.g. `05-bgp.md`. */
  file: string;
  /** The file's `# ` title, or the file name without `.md` when it has none. */
  topic: string;
}

// CommonMark: a fence is 3+ backticks or tildes indented at most 3 spaces, and it is closed
// only by a run of the same character at least as long. Tracking this is what keeps a
// `## comment` inside a shell snippet from starting a new entry.
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// `#{1,2}` followed by a space/tab or the end of the line; a closing `##` run is dropped.
const HEADING = /^ {0,3}(#{1,2})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/**
 * Splits one topic file into entries. Text before the first `## ` (the topic title and any
 * introduction) belongs to no entry; a `## ` with an empty title is skipped.
 *
 * @example
 * parseKbMarkdown('# BGP\n\n## BGP实验ping不通怎么办\n先看 display bgp peer', '05-bgp.md')
 * // → [{ id: '05-bgp.md#1', title: 'BGP实验ping不通怎么办', body: '先看 display bgp peer', … }]
 */
export function parseKbMarkdown(text: string, file: string): KbEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let topic: string | undefined;
  const sections: { title: string; lines: string[] }[] = [];
  let fence: string | undefined;

  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fence === undefined && fenceMatch) {
      fence = fenceMatch[1];
    } else if (fence !== undefined) {
      const closer = fenceMatch?.[1];
      if (closer && closer[0] === fence[0] && closer.length >= fence.length && line.trim() === closer) {
        fence = undefined;
      }
    } else {
      const heading = HEADING.exec(line);
      if (heading?.[1] === '##') {
        sections.push({ title: (heading[2] ?? '').trim(), lines: [] });
        continue;
      }
      if (heading?.[1] === '#' && topic === undefined && sections.length === 0) {
        topic = (heading[2] ?? '').trim();
        continue;
      }
    }
    sections.at(-1)?.lines.push(line);
  }

  const fileTopic = topic || file.replace(/\.md$/i, '');
  return sections
    .filter((section) => section.title !== '')
    .map((section, i) => ({
      id: `${file}#${i + 1}`,
      title: section.title,
      body: section.lines.join('\n').trim(),
      file,
      topic: fileTopic,
    }));
}
