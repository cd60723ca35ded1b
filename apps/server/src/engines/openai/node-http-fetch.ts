import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** The response stream behind each successful {@link NodeHttpFetch} response. */
const rawBodies = new WeakMap<Response, IncomingMessage>();

/**
 * The body of a successful response of a {@link NodeHttpFetch}, as Node's own stream (utf-8
 * strings), or undefined for any other response. Read this or `response.body`, not both.
 */
export function rawBody(response: Response): IncomingMessage | undefined {
  return rawBodies.get(response);
}

/** A `fetch` for the OpenAI client over `node:http(s)`, and the keep-alive connections it holds. */
export interface NodeHttpFetch {
  fetch: typeof fetch;
  /** Closes the idle connections. */
  close(): void;
}

/**
 * A `fetch` for the official client made on `node:http` and `node:https` with keep-alive
 * connections, so that a streamed reply can be read as a Node stream ({@link rawBody}) instead
 * of through the web-streams layers of the built-in fetch: reading a model's event stream that
 * way cost the server about twice the CPU per piece. Everything else stays the client's: it
 * builds the request, maps an error status to its `APIError` (the body is read in full for those),
 * a failure to connect to `APIConnectionError`, and aborts through the signal it passes.
 * `response.body` works too (a stream over the same data, started only when read).
 */
export function createNodeHttpFetch(): NodeHttpFetch {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const fetchOverNode = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const { body, signal } = init;
    // The client sends JSON as a string; anything else goes to the built-in fetch.
    if (input instanceof Request || (body !== undefined && body !== null && typeof body !== 'string')) return fetch(input, init);
    if (signal?.aborted) return Promise.reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
    const https = url.protocol === 'https:';
    return new Promise<Response>((resolve, reject) => {
      const sent = new Headers(init.headers);
      // Bodies are read as they come: no compressed encodings (the built-in fetch would undo them).
      sent.delete('accept-encoding');
      const req = (https ? httpsRequest : httpRequest)(url, {
        method: init.method ?? 'GET',
        headers: Object.fromEntries(sent.entries()),
        agent: https ? agents.https : agents.http,
        ...(signal ? { signal } : {}),
      });
      req.once('error', reject);
      req.once('response', (res) => {
        const headers = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const status = res.statusCode ?? 502;
        const meta = { status, statusText: res.statusMessage ?? '', headers };
        if (status < 200 || status > 299) {
          // An error status: the client reads the whole body for its message.
          const parts: Buffer[] = [];
          res.on('data', (b: Buffer) => parts.push(b));
          res.once('end', () => resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(parts), meta)));
          res.once('error', reject);
          return;
        }
        res.setEncoding('utf8');
        const response = new Response(lazyWebBody(res), meta);
        rawBodies.set(response, res);
        resolve(response);
      });
      req.end(body ?? undefined);
    });
  };
  return {
    fetch: fetchOverNode as typeof fetch,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** A web stream over `res` that starts reading only when something reads it. */
function lazyWebBody(res: IncomingMessage): ReadableStream<Uint8Array> {
  let it: AsyncIterator<string> | undefined;
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        it ??= res[Symbol.asyncIterator]() as AsyncIterator<string>;
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      cancel() {
        res.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
