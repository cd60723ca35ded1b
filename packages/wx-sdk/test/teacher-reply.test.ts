// A teacher answers a question the assistant could not, on the real server's admin API: the SDK
// hands the answer to the app as a `teacher` event, on the conversation's open socket.
import { describe, expect, inject, it } from 'vitest';
import type { Reply } from '../src/index.js';
import { wxClient } from './helpers.js';

const QUESTION = '实验室的打印机怎么连';

async function admin(path: string, body?: unknown): Promise<any> {
  const r = await fetch(`${inject('fastUrl').replace(/\/mpweixin\/chatbot$/, '')}/admin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${inject('adminToken')}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.json();
}

describe("a teacher's reply", () => {
  it('reaches the app as a teacher event with from: teacher, and no send waits for it', async () => {
    const { client } = wxClient({ baseUrl: inject('fastUrl'), transport: 'socket' });
    const teacher: Reply[] = [];
    client.on('teacher', (r) => teacher.push(r));
    const first = await client.send(QUESTION);
    expect(first.from).toBeUndefined();
    const groups = (await admin('/unanswered')).data.groups as { groupId: string; examples: { sessionId: string }[] }[];
    const group = groups.find((g) => g.examples.some((e) => e.sessionId === client.sessionId));
    expect(group).toBeDefined();
    const answered = await admin(`/unanswered/${group!.groupId}/answer`, { title: '实验室打印机怎么连接', body: '在实验室电脑上添加网络打印机 10.0.0.9 即可。' });
    expect(answered).toMatchObject({ code: 200, data: { delivered: 1 } });
    await expect.poll(() => teacher.length, { timeout: 5_000 }).toBe(1);
    expect(teacher[0]).toMatchObject({ seq: 2, content: '在实验室电脑上添加网络打印机 10.0.0.9 即可。', from: 'teacher', status: 'completed' });
    // The conversation goes on after it.
    expect((await client.send('谢谢老师')).seq).toBe(3);
    expect(teacher).toHaveLength(1);
    await client.destroy();
  });
});
