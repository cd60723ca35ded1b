import type { Logger } from 'pino';
import type { WebSocket } from 'ws';

/**
 * Waits for `sockets` (already told to close) to close, terminating the ones still open after
 * `afterMs`. A silent peer never answers the close frame, and `ws` would wait 30 s for it
 * (its CLOSE_TIMEOUT); terminate() destroys the TCP socket at once. Resolves when all are closed.
 */
export function closeOrTerminate(sockets: Set<WebSocket>, afterMs: number, log: Logger): Promise<void> {
  const open = [...sockets];
  if (open.length === 0) return Promise.resolve();
  const closed = open.map((ws) => (ws.readyState === ws.CLOSED ? Promise.resolve() : new Promise<void>((resolve) => ws.once('close', () => resolve()))));
  const timer = setTimeout(() => {
    const silent = open.filter((ws) => ws.readyState !== ws.CLOSED);
    if (silent.length > 0) log.info({ sockets: silent.length }, 'ws peers did not close in time; terminating');
    for (const ws of silent) ws.terminate();
  }, afterMs);
  timer.unref();
  return Promise.all(closed).then(() => clearTimeout(timer));
}
