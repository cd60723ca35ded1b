import { readFileSync } from 'node:fs';

/** One scored question of questions.txt. */
export interface Question {
  /** 1-based number among the question lines (what the split is decided on). */
  n: number;
  split: 'dev' | 'held-out';
  kind: 'entry' | 'none' | 'chat';
  /** Entry ids (`04-ospf.md#3`) that answer it, for kind 'entry'. */
  expected: string[];
  question: string;
  /** The first question of a two-turn follow-up. */
  previous?: string;
}

const FILES: Record<string, string> = {
  trouble: '01-troubleshooting.md',
  static: '02-static-routing.md',
  rip: '03-rip.md',
  ospf: '04-ospf.md',
  bgp: '05-bgp.md',
  switch: '06-switching.md',
  svc: '07-services.md',
  sim: '08-simulators.md',
};

/** Reads questions.txt (format in its header): every third question line is held out. */
export function readQuestions(path: URL): Question[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return lines.map((line, i) => {
    const [label, text] = line.split('\t') as [string, string];
    const [previous, question] = text.includes(' >> ') ? text.split(' >> ') : [undefined, text];
    const kind = label === 'none' ? 'none' : label === 'chat' ? 'chat' : 'entry';
    const expected =
      kind === 'entry'
        ? label.split('|').map((id) => {
            const [short, number] = id.split('#');
            if (!FILES[short!]) throw new Error(`unknown file ${short} in line ${i + 1}`);
            return `${FILES[short!]}#${number}`;
          })
        : [];
    return { n: i + 1, split: (i + 1) % 3 === 0 ? 'held-out' : 'dev', kind, expected, question: question!.trim(), previous: previous?.trim() };
  });
}
