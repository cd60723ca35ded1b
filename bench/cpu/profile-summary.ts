import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) of one group or function, and its share of the busy (non-idle) time. */
export interface Share {
  name: string;
  where?: string;
  ms: number;
  percent: number;
}

/** Which part of the stack a function belongs to, from its script URL. */
export function moduleOf(url: string, fn: string): string {
  if (fn.startsWith('(') && url === '') return fn; // (program), (garbage collector), (idle)
  if (url === '') {
    if (fn === 'stringify' || fn === 'parse') return 'JSON (native)';
    // Node's stream_wrap / fs bindings: the time is mostly the write system call itself.
    if (/^(writev|write\w*String|writeBuffer|writeSync)$/.test(fn)) return 'socket / file writes (native)';
    return 'V8 builtins / native bindings';
  }
  if (url.startsWith('node:')) {
    if (/^node:(_http|http)/.test(url)) return 'node:http';
    if (/^node:(net|stream|internal\/streams|internal\/stream_base)/.test(url)) return 'node:net / streams';
    return 'node:internal (other)';
  }
  const pkg = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  const server = /\/apps\/server\/src\/([^/]+)(\/[^/]+)?/.exec(url);
  if (server) return server[2] ? `server/${server[1]}` : `server/${server[1]}`;
  if (url.includes('/packages/contract/')) return '@mpchat/contract';
  return url.replace(/^file:\/\/.*\/(bench|apps|packages)\//, '$1/');
}

/**
 * Summarises a `--cpu-prof` profile between two monotonic times (µs): self time by module and the
 * top functions, each as a share of the time the process was not idle.
 */
export function summarise(file: string, from: number, to: number, top = 20): { modules: Share[]; functions: Share[]; busyMs: number; idleMs: number } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    // A sample stands for the interval up to the next one.
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (t < from || t > to) continue;
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + dt);
  }
  const modules = new Map<string, number>();
  const functions = new Map<string, { ms: number; mod: string; where: string }>();
  let idle = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const mod = moduleOf(url, functionName);
    if (mod === '(idle)') {
      idle += us;
      continue;
    }
    modules.set(mod, (modules.get(mod) ?? 0) + us);
    // Lines of this repository's files are tsx's output, not the source: name the file only.
    const ours = !url.includes('/node_modules/') && !url.startsWith('node:');
    const where = url ? `${url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|apps\/server\/src\/|packages\/)/, '')}${ours ? '' : `:${lineNumber + 1}`}` : '';
    const key = `${functionName || '(anonymous)'}@${where}`;
    const f = functions.get(key) ?? { ms: 0, mod, where };
    f.ms += us;
    functions.set(key, f);
  }
  const busy = [...modules.values()].reduce((a, b) => a + b, 0);
  const share = (name: string, us: number, where?: string): Share => ({ name, ...(where ? { where } : {}), ms: us / 1000, percent: (100 * us) / busy });
  return {
    modules: [...modules].map(([m, us]) => share(m, us)).sort((a, b) => b.ms - a.ms),
    functions: [...functions]
      .map(([k, f]) => share(`${k.split('@')[0]} (${f.mod})`, f.ms, f.where))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
    busyMs: busy / 1000,
    idleMs: idle / 1000,
  };
}
