// Helpers for tests against the machine's MariaDB/MySQL: a TCP proxy in front of it that a test
// closes (MySQL down), freezes (MySQL hung) and reopens, without touching the shared server.
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP proxy from a loopback port to `target` (default: MariaDB on 127.0.0.1:3306). */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private frozen = false;

  constructor(
    readonly port: number,
    private readonly target = { host: '127.0.0.1', port: 3306 },
  ) {}

  /** `mysql://root@127.0.0.1:<port>/<database>`: the database through this proxy. */
  url(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts accepting and forwarding connections. */
  async open(): Promise<void> {
    this.frozen = false;
    const server = createServer((client) => {
      this.track(client);
      // Frozen: accept, then never answer — like a MySQL that hangs.
      if (this.frozen) return;
      const upstream = connect(this.target.port, this.target.host);
      this.track(upstream);
      // One side gone: the other follows, as with a real connection.
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** MySQL down: refuses new connections and cuts every open one. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** MySQL hung: open connections stop carrying data, new ones are accepted and never answered. */
  freeze(): void {
    this.frozen = true;
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  /** Ends a freeze: the stuck connections are cut (the pool opens fresh ones). */
  thaw(): void {
    this.frozen = false;
    for (const s of this.sockets) s.destroy();
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => this.sockets.delete(s));
  }
}
