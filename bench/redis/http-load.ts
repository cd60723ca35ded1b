// A small bounded HTTP load generator: `concurrency` keep-alive connections issue requests until
// `count` are done or `maxMs` has passed. Loopback only; no dependencies beyond node:http.
import { Agent, request } from 'node:http';

/** One request to make: method, absolute URL, optional JSON body. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

/** What a run measured. */
export interface LoadResult {
  done: number;
  ms: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Responses by HTTP status. */
  statuses: Record<number, number>;
  errors: number;
}

/** Runs `next(i)` for i = 0 … count-1 with `concurrency` in flight, bounded by `maxMs`. */
export async function runLoad(opts: { count: number; concurrency: number; maxMs: number; next: (i: number) => LoadRequest }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let issued = 0;
  const start = performance.now();
  const deadline = start + opts.maxMs;
  const lane = async () => {
    while (issued < opts.count && performance.now() < deadline) {
      const req = opts.next(issued++);
      const t0 = performance.now();
      try {
        const status = await send(agent, req);
        statuses[status] = (statuses[status] ?? 0) + 1;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  const ms = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { done: latencies.length, ms, perSecond: (latencies.length / ms) * 1000, p50: at(0.5), p99: at(0.99), statuses, errors };
}

function send(agent: Agent, req: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const r = request(
      req.url,
      {
        method: req.method,
        agent,
        headers: body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {},
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end(body);
  });
}
