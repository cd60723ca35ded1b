import type { ServerFrame } from '@mpchat/contract';
import WebSocket from 'ws';

/** A real `ws` client that records every frame and the close, for tests. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  /** Connects to the gateway URL with a session id (and optional resume cursor). */
  static open(wsUrl: string, sessionId: string, after?: number, opts: WebSocket.ClientOptions = {}): Promise<TestSocket> {
    const url = `${wsUrl}?sessionId=${sessionId}${after !== undefined ? `&after=${after}` : ''}`;
    const ws = new WebSocket(url, opts);
    const sock = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(sock));
      ws.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once `predicate` holds over the frames seen (or the socket closed), else rejects after `ms`. */
  async until(predicate: (frames: ServerFrame[]) => boolean, ms = 8_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.frames)) {
      if (this.closed && !predicate(this.frames)) throw new Error(`socket closed (${this.closed.code}) before condition; frames: ${JSON.stringify(this.frames.slice(-5))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; last frames: ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves when the socket closes. */
  async closedWith(ms = 8_000): Promise<{ code: number; reason: string }> {
    await this.until(() => this.closed !== undefined, ms).catch(() => undefined);
    if (!this.closed) throw new Error('socket did not close');
    return this.closed;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  of<T extends ServerFrame['type']>(type: T): Extract<ServerFrame, { type: T }>[] {
    return this.frames.filter((f): f is Extract<ServerFrame, { type: T }> => f.type === type);
  }

  /** Reply text for turn `seq` rebuilt from delta frames, checking offsets are contiguous. */
  textOf(seq: number): string {
    let text = '';
    for (const d of this.of('delta')) {
      if (d.seq !== seq) continue;
      if (d.offset !== text.length) throw new Error(`delta gap/overlap at seq ${seq}: offset ${d.offset}, have ${text.length}`);
      text += d.text;
    }
    return text;
  }

  close(): void {
    this.ws.close();
  }
}
