import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WS_CLOSE, WS_MAX_PAYLOAD, WS_PATH, wsQuerySchema } from '@mpchat/contract';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { ChatError } from '../errors/chat-error.js';
import { badRequestTarget } from '../http/request-target.js';
import { serveAsPlainHttp } from './plain-http-fallback.js';
import type { ChatService } from '../chat/chat-service.js';

import type { Caller } from '../chat/caller.js';
import { validate } from '../errors/validate-input.js';
import { wsCaller } from './ws-caller.js';
import type { IdentityResolver } from '../auth/resolve-identity.js';
import { refuseHandshake, refuseUpgrade } from './upgrade-refusal.js';
import { closeOrTerminate } from './ws-shutdown.js';
import { WsConnection, type ConnectionOptions } from './ws-connection.js';

/** Settings of the gateway: the limits of each connection, and how far to trust X-Forwarded-For. */
export interface GatewayOptions extends ConnectionOptions {
  /** Proxies whose X-Forwarded-For entries are trusted (0: the TCP peer is the client). */
  trustedProxyHops: number;
  /** Who is asking, from the upgrade request's headers; anonymous by address when omitted. */
  identify?: IdentityResolver;
}

const anonymous: IdentityResolver = async (_headers, clientAddress) => ({ kind: 'anonymous', clientAddress });


/**
 * The WebSocket gateway: `GET /mpweixin/chatbot/ws?sessionId=…[&after=N]` on the same HTTP server
 * as Koa. One live socket per session (a newer one replaces the older, closed with 4000),
 * protocol pings plus application ping/pong frames, dead sockets terminated within two heartbeats.
 */
export class WsGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD, perMessageDeflate: false, clientTracking: false });
  private readonly connections = new Map<string, WsConnection>();
  /** Every upgraded socket not closed yet (replaced and refused ones too): shutdown must end them all. */
  private readonly sockets = new Set<WebSocket>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private closing = false;

  constructor(
    private readonly chat: ChatService,
    private readonly options: GatewayOptions,
    private readonly log: Logger,
  ) {
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
    // One live socket per session across instances: a socket opened elsewhere replaces ours.
    this.unsubscribe = chat.streams.onSocketOpened((sessionId, connectionId, openedAt) => {
      const local = this.connections.get(sessionId);
      if (local && local.id !== connectionId && isNewer(openedAt, connectionId, local)) {
        this.connections.delete(sessionId);
        local.bye('replaced', WS_CLOSE.REPLACED);
      }
    });
  }

  /**
   * Handles WebSocket upgrades on `server` at the WebSocket path; other paths are refused with 404.
   * Requests that ask for another protocol (`Upgrade: h2c`) are served as plain HTTP by `plainHttp`.
   */
  attach(server: Server, plainHttp: RequestListener): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      if (req.headers.upgrade?.trim().toLowerCase() !== 'websocket') return serveAsPlainHttp(req, socket, plainHttp);
      this.upgrade(req, socket, head).catch((err: unknown) => refuseUpgrade(socket, req, err, this.log));
    });
    // The ws library's own handshake checks (method, key, version...) answer the envelope too.
    this.wss.on('wsClientError', (err: Error, socket: Duplex, req: IncomingMessage) => refuseHandshake(socket, req, err, this.log));
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = parseTarget(req.url);
    if (url.pathname !== WS_PATH) throw new ChatError('NOT_FOUND', `no WebSocket endpoint at ${url.pathname}`);
    if (this.closing) throw new ChatError('SHUTTING_DOWN', 'server is shutting down');
    const { sessionId, after } = validate(wsQuerySchema, Object.fromEntries(url.searchParams), 'query');
    // Identity first: a refused token answers 401 before anything about the session is said.
    const caller = await wsCaller(req, this.options.trustedProxyHops, this.options.identify ?? anonymous);
    // A closed session is told so over the socket (the SDK reads frames, not refused upgrades).
    const opened = await this.chat.streams.openStream(caller, sessionId).catch((err: unknown) => {
      if (err instanceof ChatError && err.code === 'SESSION_CLOSED') return err;
      throw err;
    });
    // Shutdown may have begun while the store answered: a socket accepted now would miss its bye.
    if (this.closing) throw new ChatError('SHUTTING_DOWN', 'server is shutting down');
    // One of the client's socket slots, given back when the TCP connection ends, however it ends.
    const release = await this.chat.streams.holdSocket(caller);
    socket.once('close', release);
    if (socket.destroyed) release();
    // The 101 response and the hello frame leave in one write (one system call, one packet):
    // the ws library writes the handshake and calls back synchronously, before the uncork below.
    socket.cork();
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.once('close', () => this.sockets.delete(ws));
      if (opened instanceof ChatError) {
        const conn = new WsConnection(ws, sessionId, caller, this.chat, this.options, this.log);
        conn.sendError(opened);
        conn.bye('session_closed', WS_CLOSE.SESSION_CLOSED);
        return;
      }
      this.accept(ws, sessionId, caller, opened.lastSeq, after);
    });
    socket.uncork();
  }

  private accept(ws: WebSocket, sessionId: string, caller: Caller, lastSeq: number, after: number | undefined): void {
    this.connections.get(sessionId)?.bye('replaced', WS_CLOSE.REPLACED);
    const conn = new WsConnection(ws, sessionId, caller, this.chat, this.options, this.log);
    this.connections.set(sessionId, conn);
    this.chat.streams
      .announceSocket(sessionId, conn.id, conn.openedAt)
      .catch((err: unknown) => this.log.debug({ err, sessionId }, 'could not announce the socket to other instances'));
    ws.on('close', () => {
      if (this.connections.get(sessionId) === conn) this.connections.delete(sessionId);
    });
    ws.on('error', (err) => this.log.debug({ err, sessionId }, 'ws error'));
    conn.send({ type: 'hello', sessionId, lastSeq, heartbeatMs: this.options.heartbeatMs });
    if (after !== undefined) void conn.resume(after);
  }

  private beat(): void {
    for (const conn of this.connections.values()) {
      if (!conn.alive) {
        this.log.info({ sessionId: conn.sessionId }, 'ws heartbeat missed; terminating');
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }

  /** Live sockets (for metrics and tests). */
  get size(): number {
    return this.connections.size;
  }

  /**
   * Tells every client the server is going away and closes with 1001, then terminates the sockets
   * that have not finished the close handshake after `terminateAfterMs`: the ws library otherwise
   * waits 30 s for a silent peer (a phone that dropped off), and the HTTP server's
   * `closeAllConnections` does not cover upgraded sockets. Resolves when every socket is closed.
   */
  close(terminateAfterMs = 1_000): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const conn of this.connections.values()) conn.bye('shutdown', WS_CLOSE.GOING_AWAY);
    this.connections.clear();
    this.wss.close();
    return closeOrTerminate(this.sockets, terminateAfterMs, this.log);
  }
}

/** The upgrade's target as a URL, or INVALID_ARGUMENT when it is not one (`http://[`). */
function parseTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    throw badRequestTarget();
  }
}

/**
 * Whether a socket announced at `openedAt` is newer than `local` (ties broken by id, so every
 * instance decides alike). A late announcement of an older socket must not close the newer one.
 */
function isNewer(openedAt: number, connectionId: string, local: { openedAt: number; id: string }): boolean {
  return openedAt > local.openedAt || (openedAt === local.openedAt && connectionId > local.id);
}
