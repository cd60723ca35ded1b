import { randomUUID } from 'node:crypto';

/** A reply as receive answers it. */
export interface Reply {
  code: number;
  data: { content?: string; seq?: number; from?: string; status?: string };
}

/**
 * A student of the console's end-to-end test, talking to the real server over HTTP as a
 * mini-program behind 微信云托管 does (`AUTH=wx-cloud`: the platform's `X-WX-OPENID` header says
 * who asks), so each student counts as one pseudonym on the dashboard.
 */
export class Student {
  readonly sessionId = randomUUID();
  private seconds = 0;

  constructor(
    private readonly baseUrl: string,
    readonly openid: string,
  ) {}

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> {
    const res = await fetch(`${this.baseUrl}/mpweixin/chatbot/${path}`, {
      method,
      headers: { 'X-WX-OPENID': this.openid, 'X-WX-SOURCE': 'wx_client', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  /** Sends a question (a spec timestamp one second after the previous one); answers the HTTP status. */
  async ask(content: string): Promise<number> {
    const d = new Date(Date.UTC(2023, 10, 3, 7, 30, this.seconds++));
    const p = (n: number) => String(n).padStart(2, '0');
    const timestamp = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
    return (await this.call('POST', 'send', { sessionId: this.sessionId, content, timestamp })).status;
  }

  /** The first finished reply after seq `after`, polling until it is there (or the time is up). */
  async replyAfter(after: number, timeoutMs = 15_000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.call('GET', `receive?sessionId=${this.sessionId}&after=${after}&wait=5`);
      if (r.body.code === 200 || Date.now() > deadline) return r.body as Reply;
      // No reply after that seq yet (404 NO_SUCH_MESSAGE answers at once): ask again shortly.
      if (r.body.code !== 100) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** 👍 or 👎 on the answer of turn `seq`. */
  async rate(seq: number, rating: 'up' | 'down', comment = ''): Promise<number> {
    return (await this.call('POST', 'feedback', { sessionId: this.sessionId, seq, rating, comment })).status;
  }
}
