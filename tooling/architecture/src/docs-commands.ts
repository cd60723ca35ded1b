// Reads shell commands out of Markdown and says what is wrong with each (see docs-commands.test.ts).
import { join } from 'node:path';

/** The pnpm commands (not scripts) the docs may use. */
const PNPM_COMMANDS = new Set(['install', 'i', 'add', 'remove', 'update', 'exec', 'dlx', 'run', 'pack', 'publish', 'deploy', 'list', 'ls', 'why', 'store', 'audit', 'outdated', 'changeset']);
const ENV_PREFIX = /^(?:[A-Z_][A-Z0-9_]*=(?:"[^"]*"|'[^']*'|\S*)\s+)*/;

/**
 * The `pnpm …` and `curl …` commands of a Markdown text: lines of fenced code blocks (joined over
 * trailing backslashes; comment lines skipped; blocks whose info string says `example` skipped)
 * and inline code spans that start with `pnpm ` or `curl `.
 */
export function commandsIn(markdown: string): string[] {
  const commands: string[] = [];
  const isCommand = (line: string) => /^(pnpm|curl)\s/.test(line.replace(ENV_PREFIX, ''));
  const fence = /^ {0,3}```([^\n]*)\n([\s\S]*?)^ {0,3}```/gm;
  for (const [, info, body] of markdown.matchAll(fence)) {
    if (/\bexample\b/.test(info!)) continue;
    const joined = body!.replace(/\\\n\s*/g, '');
    for (const raw of joined.split('\n')) {
      const line = raw.trim().replace(/^\$\s+/, '');
      if (line && !line.startsWith('#') && isCommand(line)) commands.push(line.replace(/\s+#\s.*$/, ''));
    }
  }
  const prose = markdown.replace(fence, '');
  for (const [, span] of prose.matchAll(/`([^`]+)`/g)) {
    const text = span!.replace(/\s+/g, ' ').trim();
    if (isCommand(text)) commands.push(text);
  }
  return commands;
}

/** Scripts by package name ('' for the root), read from the workspace folders. */
export function packageScripts(
  root: string,
  list: (dir: string) => { name: string; isDirectory(): boolean }[],
  read: (file: string) => string | undefined,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (dir: string, asRoot = false) => {
    const text = read(join(dir, 'package.json'));
    if (!text) return;
    const pkg = JSON.parse(text) as { name?: string; scripts?: Record<string, string> };
    out.set(asRoot ? '' : (pkg.name ?? dir), new Set(Object.keys(pkg.scripts ?? {})));
  };
  add(root, true);
  add(join(root, 'bench'));
  for (const group of ['apps', 'packages', 'examples', 'tooling']) {
    for (const entry of list(join(root, group))) if (entry.isDirectory()) add(join(root, group, entry.name));
  }
  return out;
}

/** What one command needs to be checked against. */
export interface CommandContext {
  scripts: Map<string, Set<string>>;
  /** curl's options (`curl --help all`), when curl is installed. */
  curlOptions: Set<string> | undefined;
  shellParses: (command: string) => boolean;
}

/** Simple shell words: quotes removed, no expansion (enough for the commands docs show). */
function words(command: string): string[] {
  return [...command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The problems of one command; none when it parses. */
export function problemsOf(written: string, ctx: CommandContext): string[] {
  // A usage line names its arguments as <file>: any word will do there.
  const command = written.replace(/<[^<>\s]+>/g, 'ARG');
  if (!ctx.shellParses(command)) return ['not valid shell'];
  const problems: string[] = [];
  // Each command of a `a && b` / `a; b` / `a | b` line on its own.
  for (const part of command.split(/\s*(?:&&|\|\||;|\|)\s*/)) {
    const argv = words(part.replace(ENV_PREFIX, ''));
    if (argv[0] === 'pnpm') problems.push(...pnpmProblems(argv.slice(1), ctx.scripts));
    if (argv[0] === 'curl') problems.push(...curlProblems(argv.slice(1), ctx.curlOptions));
  }
  return problems;
}

function pnpmProblems(args: string[], scripts: Map<string, Set<string>>): string[] {
  let pkg = '';
  const rest = [...args];
  while (rest[0]?.startsWith('-')) {
    const flag = rest.shift()!;
    if (flag === '--filter' || flag === '-F') pkg = rest.shift() ?? '';
    else if (flag.startsWith('--filter=')) pkg = flag.slice('--filter='.length);
  }
  const name = pkg.replace(/\.\.\.$/, '').replace(/^\.\.\./, '');
  const command = rest[0] === 'run' ? rest[1] : rest[0];
  if (!command) return ['no command'];
  if (name && !scripts.has(name)) return [`no workspace package ${name}`];
  const own = scripts.get(name) ?? new Set<string>();
  if (own.has(command) || (rest[0] !== 'run' && PNPM_COMMANDS.has(command))) return [];
  return [name ? `${name} has no script "${command}"` : `the root package has no script "${command}" and pnpm has no such command`];
}

function curlProblems(args: string[], known: Set<string> | undefined): string[] {
  const problems: string[] = [];
  let urls = 0;
  for (const arg of args) {
    if (arg.startsWith('-')) {
      const option = arg.startsWith('--') ? arg.split('=')[0]! : arg.slice(0, 2);
      if (known && !known.has(option)) problems.push(`curl: unknown option ${option}`);
    } else if (/^https?:/.test(arg)) {
      urls++;
      if (!URL.canParse(arg) || new URL(arg).hostname === '') problems.push(`curl: "${arg}" is not a URL`);
    }
  }
  if (urls === 0 && problems.length === 0) problems.push('curl: no URL');
  return problems;
}
