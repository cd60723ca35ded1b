import { APIError } from 'openai';

/** The part of a Chat Completions stream chunk the engine reads. */
export interface CompletionChunk {
  choices: { delta?: { content?: string | null; reasoning_content?: string | null } | null; finish_reason?: string | null }[];
}

/**
 * Turns the bytes of a Chat Completions `text/event-stream` into parsed chunks, with the
 * official client's reading of it: events end at a blank line (`\n`, `\r\n` or `\r` line ends),
 * `data:` lines join with `\n`, comments and other fields are skipped, `[DONE]` ends the stream
 * (anything after it is ignored), a data that is not JSON throws its `SyntaxError`, and a chunk
 * carrying `error` throws an `APIError` (a provider reporting a failure in the middle of a reply).
 *
 * It exists because the client's own stream reader costs several async generators, a copy of the
 * buffered bytes and a line array per event: at hundreds of replies streaming at once that was a
 * large share of the server's CPU. This one keeps a string tail and scans it once.
 */
export class SseEvents {
  private readonly decoder = new TextDecoder();
  private tail = '';
  private data: string[] = [];
  /** An `event:` field with a value (an event of no data is then dispatched, and fails as JSON). */
  private named = false;
  /** `[DONE]` was read: the provider finished. */
  done = false;
  /** Why reading stopped: the chunks before it were answered, nothing after it is read. */
  failure: unknown;

  constructor(private readonly headers?: Headers) {}

  /**
   * Parses what `bytes` (or text already decoded) completes and answers the chunks it holds, in order. A chunk that fails
   * (see the class) ends the reading: the chunks before it are answered and {@link failure} holds
   * the error, so the caller can show their text first.
   */
  push(bytes: Uint8Array | string): CompletionChunk[] {
    if (this.failure !== undefined) return [];
    const text = this.tail + (typeof bytes === 'string' ? bytes : this.decoder.decode(bytes, { stream: true }));
    const out: CompletionChunk[] = [];
    // Providers end lines with `\n`; `\r` is looked for only when the text has one.
    const cr = text.includes('\r');
    let start = 0;
    for (;;) {
      const nl = cr ? lineEndWithCr(text, start) : text.indexOf('\n', start);
      if (nl === -1) break;
      // A `\r` as the very last character may be the first half of `\r\n`: wait for more.
      if (text.charCodeAt(nl) === 13 && nl === text.length - 1) break;
      const line = text.slice(start, nl);
      start = nl + (text.charCodeAt(nl) === 13 && text.charCodeAt(nl + 1) === 10 ? 2 : 1);
      try {
        const chunk = this.line(line);
        if (chunk) out.push(chunk);
      } catch (err) {
        this.failure = err;
        break;
      }
    }
    this.tail = text.slice(start);
    return out;
  }

  private line(line: string): CompletionChunk | undefined {
    if (line === '') return this.dispatch();
    if (line.charCodeAt(0) === 58) return undefined; // ":" a comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.named = value !== '';
    return undefined;
  }

  private dispatch(): CompletionChunk | undefined {
    if (!this.named && this.data.length === 0) return undefined;
    const data = this.data.length === 1 ? this.data[0]! : this.data.join('\n');
    this.data = [];
    this.named = false;
    if (this.done) return undefined;
    if (data.startsWith('[DONE]')) {
      this.done = true;
      return undefined;
    }
    const chunk = JSON.parse(data) as CompletionChunk & { error?: unknown };
    if (chunk && chunk.error) throw new APIError(undefined, chunk.error as object, undefined, this.headers ?? new Headers());
    return chunk;
  }
}

/** Where the line starting at `from` ends, `\r` alone ending one too. */
function lineEndWithCr(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  const r = text.indexOf('\r', from);
  if (r === -1) return n;
  return n === -1 ? r : Math.min(n, r);
}
