import WebSocket from 'ws';

/** The server frames this client reads (shapes from the contract's ws frames). */
type ServerFrame = { type: 'hello' | 'ack' | 'reply' | 'pong' | 'bye' } | { type: 'delta'; offset: number; text: string } | { type: 'error'; error: string; message: string };

const QUESTION = '请问BGP协议实验ping不通怎么办?';
const now = () => performance.timeOrigin + performance.now();

/** What the clients of one level saw. */
export interface StreamRun {
  /** sessionId → [cumulative characters after the delta, arrival ms] per delta frame. */
  arrivals: Map<string, number[]>;
  /** Streams that ended with a reply frame. */
  replied: number;
  /** Error frames or sockets that failed. */
  errors: string[];
  /** ms from the first send to the last reply. */
  wallMs: number;
}

/**
 * Opens `n` sockets on fresh sessions (spread over the instances at `wsUrls`), waits for every hello, then sends one question on each,
 * spread evenly over `spreadMs`, and collects the delta frames until every reply (or `timeoutMs`).
 */
export async function runStreams(wsUrls: string[], n: number, spreadMs: number, timeoutMs: number): Promise<StreamRun> {
  const arrivals = new Map<string, number[]>();
  const errors: string[] = [];
  let replied = 0;
  let allDone!: () => void;
  const done = new Promise<void>((r) => (allDone = r));
  const sockets: WebSocket[] = [];
  for (let i = 0; i < n; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, (_, k) => {
        // Sockets take the instances in turn (several instances sharing a store and Redis).
        const wsUrl = wsUrls[(i + k) % wsUrls.length]!;
        const sid = crypto.randomUUID();
        const a: number[] = [];
        arrivals.set(sid, a);
        const ws = new WebSocket(`${wsUrl}?sessionId=${sid}`, { perMessageDeflate: false });
        sockets.push(ws);
        return new Promise<void>((resolve) => {
          ws.on('message', (data) => {
            const f = JSON.parse(data.toString()) as ServerFrame;
            if (f.type === 'hello') resolve();
            else if (f.type === 'delta') a.push(f.offset + f.text.length, now());
            else if (f.type === 'reply' && ++replied + errors.length === n) allDone();
            else if (f.type === 'error') {
              errors.push(`${f.error}: ${f.message}`);
              if (replied + errors.length === n) allDone();
            }
          });
          ws.once('error', (e) => {
            errors.push(`socket: ${e.message}`);
            resolve();
          });
        });
      }),
    );
  }
  const t0 = now();
  sockets.forEach((ws, i) => setTimeout(() => ws.send(JSON.stringify({ type: 'send', content: QUESTION, timestamp: '2023/11/03 15:30:00' })), (i * spreadMs) / n));
  const timer = setTimeout(allDone, timeoutMs);
  await done;
  clearTimeout(timer);
  const wallMs = now() - t0;
  await Promise.all(sockets.map((ws) => new Promise<void>((r) => (ws.readyState === WebSocket.CLOSED ? r() : (ws.once('close', () => r()), ws.terminate())))));
  return { arrivals, replied, errors, wallMs };
}

/**
 * Gap per text piece: from the engine's stamp to the first delta frame that carried its last
 * character. Pieces no frame carried are counted as missing.
 */
export function gaps(marks: Record<string, number[]>, arrivals: Map<string, number[]>): { gaps: number[]; missing: number } {
  const out: number[] = [];
  let missing = 0;
  for (const [sid, m] of Object.entries(marks)) {
    const a = arrivals.get(sid) ?? [];
    let j = 0;
    for (let i = 0; i < m.length; i += 2) {
      while (j < a.length && a[j]! < m[i]!) j += 2;
      if (j >= a.length) missing++;
      else out.push(a[j + 1]! - m[i + 1]!);
    }
  }
  return { gaps: out, missing };
}
