// Helpers for the identity and limit tests: API calls with a Bearer token (or any headers), and
// WebSocket upgrades whose refusal is read as the envelope it carries.
import WebSocket from 'ws';
import type { HttpResult } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';

/** API calls as one client: its headers go on every request and upgrade. */
export function apiAs(baseUrl: string, headers: Record<string, string> = {}) {
  const api = `${baseUrl}/mpweixin/chatbot`;
  const call = async (method: 'GET' | 'POST', path: string, data: Record<string, unknown>): Promise<HttpResult> => {
    const u = new URL(`${api}${path}`);
    if (method === 'GET') for (const [k, v] of Object.entries(data)) u.searchParams.set(k, String(v));
    const res = await fetch(u, {
      method,
      headers: { ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(method === 'POST' ? { body: JSON.stringify(data) } : {}),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
  };
  return {
    send: (sessionId: string, content: string, timestamp: string) => call('POST', '/send', { sessionId, content, timestamp }),
    receive: (sessionId: string, query: Record<string, unknown> = {}) => call('GET', '/receive', { sessionId, ...query }),
    stop: (sessionId: string) => call('POST', '/stop', { sessionId }),
    destroy: (sessionId: string) => call('POST', '/destroy', { sessionId }),
    login: (code: unknown) => call('POST', '/login', code === undefined ? {} : { code }),
    feedback: (sessionId: string, seq: number, rating: 'up' | 'down') => call('POST', '/feedback', { sessionId, seq, rating }),
    welcome: () => call('GET', '/welcome', {}),
    /** A first message that continues the caller's earlier session `from`. */
    continueIn: (sessionId: string, from: string, content: string, timestamp: string) => call('POST', '/send', { sessionId, content, timestamp, continueFrom: from }),
    sessions: (query: Record<string, unknown> = {}) => call('GET', '/sessions', query),
    forget: () => call('POST', '/forget', {}),
    history: (sessionId: string, query: Record<string, unknown> = {}) => call('GET', '/history', { sessionId, ...query }),
    /** Opens a socket on the session (rejects with the refusal when the upgrade is refused). */
    socket: (wsUrl: string, sessionId: string) => TestSocket.open(wsUrl, sessionId, undefined, { headers }),
    /** An upgrade the server is expected to refuse: its status, Retry-After and envelope. */
    refusedUpgrade: (wsUrl: string, sessionId: string) => refusedUpgrade(`${wsUrl}?sessionId=${sessionId}`, headers),
  };
}

/** A refused WebSocket upgrade, as the client saw it. */
export interface Refusal {
  status: number;
  retryAfter: string | undefined;
  body: Record<string, any>;
}

/** Opens an upgrade and resolves with the refusal; rejects when the server accepts it. */
export function refusedUpgrade(url: string, headers: Record<string, string>): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const retry = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retry) ? retry[0] : retry, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      });
    });
    ws.once('error', () => {});
  });
}
