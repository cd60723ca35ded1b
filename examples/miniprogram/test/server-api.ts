// Reads the server's side of a conversation over plain HTTP (not through the SDK), so the page
// can be checked against what the server itself stored.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

/** The envelope of GET /receive. */
export interface ReceiveAnswer {
  code: number;
  error?: string;
  data: { content?: string; status?: string; sources?: Array<{ title: string }> };
}

function call(method: 'GET' | 'POST', url: string, body?: object): Promise<ReceiveAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve(JSON.parse(text) as ReceiveAnswer));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/** The reply to turn `seq` of a session (long-polls until it is done). */
export function receive(baseUrl: string, sessionId: string, seq = 1): Promise<ReceiveAnswer> {
  return call('GET', `${baseUrl}/mpweixin/chatbot/receive?sessionId=${sessionId}&after=${seq - 1}&wait=25`);
}

/** One row of the teachers' feedback export (GET /admin/feedback). */
export interface ExportedFeedback {
  sessionId: string;
  seq: number;
  rating: 'up' | 'down';
  question: string;
  answer: string;
}

/** The feedback the teachers' export holds for a session, as JSON. */
export async function exportedFeedback(baseUrl: string, adminToken: string, sessionId: string): Promise<ExportedFeedback[]> {
  const res = await fetch(`${baseUrl}/admin/feedback`, { headers: { Authorization: `Bearer ${adminToken}` } });
  const body = (await res.json()) as { data: { items: ExportedFeedback[] } };
  return body.data.items.filter((item) => item.sessionId === sessionId);
}

/** Ends a session from the server's side, as its 30-minute idle expiry would. */
export function destroySession(baseUrl: string, sessionId: string): Promise<ReceiveAnswer> {
  return call('POST', `${baseUrl}/mpweixin/chatbot/destroy`, { sessionId });
}

const references = new Map<string, Promise<string>>();

/** The kb engine's whole answer to `question` (deterministic), asked once in a session of its own. */
export function referenceReply(baseUrl: string, question: string): Promise<string> {
  const key = `${baseUrl} ${question}`;
  let reply = references.get(key);
  if (!reply) {
    const sessionId = randomUUID();
    reply = call('POST', `${baseUrl}/mpweixin/chatbot/send`, { sessionId, content: question, timestamp: '2023/11/03 15:30:00' })
      .then(() => receive(baseUrl, sessionId))
      .then((answer) => answer.data.content ?? '');
    references.set(key, reply);
  }
  return reply;
}

/**
 * A teacher answers the unanswered-question group that holds a question of `sessionId` (as the
 * console does): finds the group in GET /admin/unanswered and posts the answer. Answers how many
 * open sessions received it.
 */
export async function answerAsTeacher(baseUrl: string, adminToken: string, sessionId: string, answer: { title: string; body: string }): Promise<number> {
  const headers = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
  const list = (await (await fetch(`${baseUrl}/admin/unanswered`, { headers })).json()) as { data: { groups: { groupId: string; examples: { sessionId: string }[] }[] } };
  const group = list.data.groups.find((g) => g.examples.some((e) => e.sessionId === sessionId));
  if (!group) throw new Error(`no unanswered group holds a question of ${sessionId}`);
  const res = await fetch(`${baseUrl}/admin/unanswered/${group.groupId}/answer`, { method: 'POST', headers, body: JSON.stringify(answer) });
  return ((await res.json()) as { data: { delivered: number } }).data.delivered;
}
