import { Agent, request } from 'node:http';

/** One step of a load worker: the requests it makes, in order, and what each must answer. */
export type Step = (port: number, agent: Agent, i: number) => Promise<void>;

/** Makes one request and resolves with its status and body; rejects on a socket error. */
export function call(port: number, agent: Agent, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, agent, headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {} },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `total` steps over `connections` keep-alive workers (each step waits for the previous one of its worker). */
export async function runSteps(port: number, step: Step, total: number, connections: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < total) await step(port, agent, next++);
      }),
    );
  } finally {
    agent.destroy();
  }
}

/** A step that GETs `path` and checks the envelope code. */
export function getExpecting(path: string, code: number): Step {
  return async (port, agent) => {
    const r = await call(port, agent, 'GET', path);
    const got = (JSON.parse(r.body) as { code: number }).code;
    if (got !== code) throw new Error(`bench: GET ${path} answered ${got}, expected ${code}: ${r.body.slice(0, 200)}`);
  };
}

const TS = '2023/11/03 15:30:00';

/** POST send on a fresh session; with `longPoll`, then GET receive?wait=10, which must come back 200. */
export function sendStep(longPoll: boolean): Step {
  return async (port, agent) => {
    const sessionId = crypto.randomUUID();
    const body = JSON.stringify({ sessionId, content: '请问BGP协议实验ping不通怎么办?', timestamp: TS });
    const s = await call(port, agent, 'POST', '/mpweixin/chatbot/send', body);
    if ((JSON.parse(s.body) as { code: number }).code !== 200) throw new Error(`bench: send answered ${s.body.slice(0, 200)}`);
    if (!longPoll) return;
    const r = await call(port, agent, 'GET', `/mpweixin/chatbot/receive?sessionId=${sessionId}&wait=10`);
    if ((JSON.parse(r.body) as { code: number }).code !== 200) throw new Error(`bench: long-poll answered ${r.body.slice(0, 200)}`);
  };
}
