// Every `pnpm …` and `curl …` command the README and the operations guide show must at least parse:
// valid shell, a pnpm command or a script that exists in the package it names, curl options curl
// knows and a URL that parses. A fenced block whose info string says `example` (```bash example)
// holds commands to adapt, not to paste, and is left out.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandsIn, packageScripts, problemsOf } from './docs-commands.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const DOCS = ['README.md', 'docs/operations.md'];
const curlOptions = (() => {
  const help = spawnSync('curl', ['--help', 'all'], { encoding: 'utf8' });
  return help.status === 0 ? new Set([...help.stdout.matchAll(/(?:^|\s)(-[a-zA-Z0-9]|--[a-z0-9-]+)/g)].map((m) => m[1]!)) : undefined;
})();
const scripts = packageScripts(root, (dir) => readdirSync(dir, { withFileTypes: true }), (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined));
const shellParses = (command: string) => spawnSync('bash', ['-n', '-c', command]).status === 0;

describe.each(DOCS)('the commands in %s', (doc) => {
  const commands = commandsIn(readFileSync(join(root, doc), 'utf8'));

  it('are found (the extractor reads this file)', () => {
    expect(commands.some((c) => c.startsWith('pnpm '))).toBe(true);
  });

  it('all parse', () => {
    const problems = commands.flatMap((c) => problemsOf(c, { scripts, curlOptions, shellParses }).map((p) => `${c}\n    → ${p}`));
    expect(problems).toEqual([]);
  });
});

describe('the command checker', () => {
  const check = (command: string) => problemsOf(command, { scripts, curlOptions, shellParses });

  it('catches a script a package does not have, an unknown package, a bad curl and broken shell', () => {
    expect(check('pnpm --filter @mpchat/server bakcup x.db')).toEqual(['@mpchat/server has no script "bakcup"']);
    expect(check('pnpm --filter @mpchat/nope build')).toEqual(['no workspace package @mpchat/nope']);
    expect(check('pnpm strat')).toEqual(['the root package has no script "strat" and pnpm has no such command']);
    expect(check('curl -X POST "http://localhost:8080/x')).toEqual(['not valid shell']);
    expect(check('pnpm --filter @mpchat/server backup <file>')).toEqual([]);
    expect(check('curl http://')).toEqual(['curl: "http://" is not a URL']);
    if (curlOptions) expect(check('curl --hedaer "A: b" http://localhost/')).toEqual(['curl: unknown option --hedaer']);
  });

  it('reads fenced blocks (with continuations and env prefixes), inline code, and skips examples', () => {
    const md = [
      'Run `pnpm start` first.',
      '```bash',
      'ENGINE=kb pnpm \\',
      '  test',
      '# pnpm commented',
      '```',
      '```bash example',
      'pnpm whatever',
      '```',
    ].join('\n');
    expect(commandsIn(md)).toEqual(['ENGINE=kb pnpm test', 'pnpm start']);
  });
});

// The docs send a reader only to files that are in the repository (a dead relative link, or a
// pointer to notes that were never committed, leaves them stranded).
describe('links in the docs', () => {
  const docs = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f && !f.startsWith('.changeset/'));

  it.each(docs)('%s links only to files that exist', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|mailto:|#)/.test(t));
    const missing = targets.filter((t) => !existsSync(join(root, dirname(doc), decodeURI(t.split('#')[0]!))));
    expect(missing).toEqual([]);
    expect(text).not.toMatch(/shared\/notes\//);
  });
});

// The shipped deployment files never publish the browser playground (a development page).
describe('the deployment examples', () => {
  it('docker-compose.yml turns the playground off for every mpchat instance', () => {
    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const anchor = compose.slice(compose.indexOf('x-mpchat: &mpchat'), compose.indexOf('\nservices:'));
    expect(anchor).toMatch(/^\s+PLAYGROUND: "false"$/m);
    expect(compose.match(/<<: \*mpchat/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('docs/nginx.conf refuses /playground and the / that redirects to it', () => {
    const nginx = readFileSync(join(root, 'docs/nginx.conf'), 'utf8');
    expect(nginx).toMatch(/location \^~ \/playground \{ return 404; \}/);
    expect(nginx).toMatch(/location = \/ \{ return 404; \}/);
  });
});
