import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Chat Completions request the fake received. */
export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (model, messages, stream, …). */
  body: { model?: string; messages?: { role: string; content: string }[]; [key: string]: unknown };
  /** Aborts when the response is over: finished, or the client went away. */
  signal: AbortSignal;
  /** Whether the client closed the connection before the response ended (an aborted request). */
  clientClosedEarly: boolean;
}

/** How the fake answers one request. It may take as long as it likes; `req.signal` says when to give up. */
export type FakeBehavior = (res: ServerResponse, req: FakeRequest) => Promise<void> | void;

/** A fake OpenAI-compatible provider on a real loopback socket. */
export interface FakeUpstream {
  /** The API root to configure as LLM_BASE_URL, e.g. `http://127.0.0.1:41234/v1`. */
  baseURL: string;
  /** Every request received, oldest first. */
  requests: FakeRequest[];
  /** Answers the next requests with these behaviors, in order; afterwards the default applies. */
  enqueue(...behaviors: FakeBehavior[]): void;
  /** The behavior for requests when the queue is empty (initially `streamReply(['你好'])`). */
  setDefault(behavior: FakeBehavior): void;
  close(): Promise<void>;
}

/**
 * Starts a fake Chat Completions endpoint (`POST /v1/chat/completions`) on 127.0.0.1:0 that
 * speaks the real protocol: Server-Sent Events carrying `chat.completion.chunk` objects, then
 * `data: [DONE]`. Tests script it per request with {@link FakeBehavior}s.
 *
 * @example
 * const fake = await startFakeUpstream();
 * fake.enqueue(status(429), streamReply(['BGP', '邻居']));
 */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: FakeRequest[] = [];
  const queue: FakeBehavior[] = [];
  let fallback: FakeBehavior = streamReply(['你好']);
  const server = createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const done = new AbortController();
    const record: FakeRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: parseJson(Buffer.concat(parts).toString('utf8')),
      signal: done.signal,
      clientClosedEarly: false,
    };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.clientClosedEarly = true;
      done.abort();
    });
    if (record.method !== 'POST' || !record.path.endsWith('/chat/completions')) return status(404)(res, record);
    const behavior = queue.shift() ?? fallback;
    try {
      await behavior(res, record);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...behaviors) => void queue.push(...behaviors),
    setDefault: (behavior) => void (fallback = behavior),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Options of {@link streamReply}. */
export interface StreamReplyOptions {
  /** Pause before the first text chunk (the headers and the role chunk go out at once). */
  firstDelayMs?: number;
  /** Pause between text chunks. */
  gapMs?: number;
  /** Write the SSE body in pieces of this many bytes, 1 ms apart (splits UTF-8 characters). */
  splitBytes?: number;
  /** `finish_reason` of the last chunk. Default 'stop'. */
  finishReason?: string;
  /** Destroy the socket after this many text chunks, before the stream ends. */
  cutAfter?: number;
}

/** Streams `pieces` as content deltas of one completion, then `[DONE]`. */
export function streamReply(pieces: string[], options: StreamReplyOptions = {}): FakeBehavior {
  return async (res, req) => {
    startSse(res);
    await write(res, sseEvent(chunk({ role: 'assistant', content: '' })), options.splitBytes);
    if (options.firstDelayMs) await sleep(options.firstDelayMs, req.signal);
    for (const [i, piece] of pieces.entries()) {
      if (options.cutAfter === i) return cut(res);
      if (i > 0 && options.gapMs) await sleep(options.gapMs, req.signal);
      if (req.signal.aborted) return;
      await write(res, sseEvent(chunk({ content: piece })), options.splitBytes);
    }
    if (options.cutAfter !== undefined && options.cutAfter >= pieces.length) return cut(res);
    await write(res, sseEvent(chunk({}, options.finishReason ?? 'stop')) + 'data: [DONE]\n\n', options.splitBytes);
    res.end();
  };
}

/** Sends raw SSE `data:` lines as they are (for malformed streams), then ends the response. */
export function rawSse(datas: string[]): FakeBehavior {
  return async (res) => {
    startSse(res);
    for (const data of datas) await write(res, `data: ${data}\n\n`);
    res.end();
  };
}

/** Answers with an HTTP error status and an OpenAI-style error body. */
export function status(code: number, headers: Record<string, string> = {}): FakeBehavior {
  return (res) => {
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message: `fake upstream error ${code}`, type: 'fake_error', code } }));
  };
}

/** Never answers: no headers, no body, until the client goes away. */
export function hang(): FakeBehavior {
  return (_res, req) => new Promise<void>((resolve) => req.signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Accepts the request and closes the connection without a response (a connection error). */
export function dropConnection(): FakeBehavior {
  return (res) => void res.socket?.destroy();
}

/** One `chat.completion.chunk` object with a single choice. */
export function chunk(delta: Record<string, unknown>, finishReason: string | null = null): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: 'fake-model',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

/** Destroys the connection mid-response, once what was written has had time to reach the client (destroy drops unsent data). */
async function cut(res: ServerResponse): Promise<void> {
  await sleep(30);
  res.socket?.destroy();
}

function sseEvent(data: object): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
}

async function write(res: ServerResponse, text: string, splitBytes?: number): Promise<void> {
  if (res.destroyed) return;
  const bytes = Buffer.from(text, 'utf8');
  if (!splitBytes) return void res.write(bytes);
  for (let i = 0; i < bytes.length && !res.destroyed; i += splitBytes) {
    res.write(bytes.subarray(i, i + splitBytes));
    // A pause per piece so each reaches the client in its own read, not coalesced.
    await sleep(1);
  }
}

/** A pause that ends early (resolving, not rejecting) when `signal` aborts; its listener is removed either way. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function parseJson(text: string): FakeRequest['body'] {
  try {
    return JSON.parse(text) as FakeRequest['body'];
  } catch {
    return {};
  }
}
