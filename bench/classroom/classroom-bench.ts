// A lecture hall asking at once: N students each open the mini-program within WINDOW_S seconds,
// log in (AUTH=wx-login, against the test kit's fake WeChat API), open the socket and ask one
// question, as the SDK does on a first send. Measured from that tap: time to the first text on
// screen and to the whole answer, on the server's defaults (only the store and login are set),
// on SQLite and on MySQL, for 300 and 1,000 students; and, as the baseline in the same run, 300
// students on the previous default GENERATION_CONCURRENCY=16.
//
//   pnpm --filter @mpchat/bench bench:classroom     (writes RESULTS.md beside this file)
//   CLASSROOM_SIZES=300,1000 (default)  CLASSROOM_STORES=sqlite,mysql (default)  CLASSROOM_WINDOW_S=10
//
// Uses the machine's MariaDB/MySQL (MYSQL_TEST_URL, default mysql://root@127.0.0.1:3306) in fresh
// databases that are dropped afterwards. Loopback only: no network latency is in these figures.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createTestDatabase } from '../../apps/server/src/adapters/mysql/testing/mysql-test-db.js';
import { ts } from '../../apps/server/src/testing/test-server.js';
import { spawnQuietServer, startFakeWechat, stopServer, type FakeWechat, type QuietServer } from '@mpchat/testkit';

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const SIZES = (process.env.CLASSROOM_SIZES ?? '300,1000').split(',').map(Number);
const STORES = (process.env.CLASSROOM_STORES ?? 'sqlite,mysql').split(',') as ('sqlite' | 'mysql')[];
const WINDOW_MS = Number(process.env.CLASSROOM_WINDOW_S ?? 10) * 1000;
const GIVE_UP_MS = 120_000;
// Questions of the shipped knowledge base, so answers are real entries of different lengths.
const QUESTIONS = ['请问BGP协议实验ping不通怎么办?', 'OSPF邻居一直停留在ExStart状态怎么办', 'VLAN怎么创建', 'DHCP获取不到地址', '静态路由怎么配置', 'RIP路由不更新'];
const SECRET = 'classroom-bench-secret-of-at-least-32-bytes';

/** One student's tap: ms to the first text and to the whole answer (or why it failed). */
type Outcome = { first: number; done: number; login: number } | { failed: string };

/** A scenario: the store, the class size, and settings beyond the defaults. */
interface Scenario {
  store: 'sqlite' | 'mysql';
  students: number;
  extra: Record<string, string>;
  label: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Login, socket, one question: what the SDK does on a student's first send. */
async function student(server: QuietServer, wx: FakeWechat, id: string, question: string): Promise<Outcome> {
  const t0 = performance.now();
  wx.addLoginCode(`code-${id}`, { openid: `o-${id}` });
  const login = await fetch(`${server.url}/mpweixin/chatbot/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: `code-${id}` }),
  });
  const body = (await login.json()) as { code: number; error?: string; data: { token?: string } };
  if (!body.data.token) return { failed: `login ${body.code} ${body.error ?? ''}` };
  const loginMs = performance.now() - t0;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/mpweixin/chatbot/ws?sessionId=${randomUUID()}`, { headers: { Authorization: `Bearer ${body.data.token}` } });
  return new Promise<Outcome>((resolve) => {
    let first = -1;
    const timer = setTimeout(() => finish({ failed: 'no answer in time' }), GIVE_UP_MS);
    const finish = (o: Outcome) => {
      clearTimeout(timer);
      ws.close();
      resolve(o);
    };
    ws.on('unexpected-response', (_req, res) => finish({ failed: `upgrade ${res.statusCode}` }));
    ws.on('error', (err) => finish({ failed: err.message }));
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; error?: string; status?: string };
      if (frame.type === 'hello') ws.send(JSON.stringify({ type: 'send', content: question, timestamp: ts() }));
      else if (frame.type === 'delta' && first < 0) first = performance.now() - t0;
      else if (frame.type === 'reply') finish({ first: first < 0 ? performance.now() - t0 : first, done: performance.now() - t0, login: loginMs });
      else if (frame.type === 'error') finish({ failed: frame.error ?? 'error' });
    });
  });
}

/** CPU seconds a process has used so far (Linux /proc: utime + stime in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function runScenario(s: Scenario, wx: FakeWechat) {
  const dir = mkdtempSync(join(tmpdir(), 'mpchat-classroom-'));
  const db = s.store === 'mysql' ? await createTestDatabase() : undefined;
  const env: Record<string, string> = {
    STORE: s.store,
    ...(db ? { MYSQL_URL: db.url } : { SQLITE_PATH: join(dir, 'mpchat.db') }),
    AUTH: 'wx-login',
    AUTH_SECRET: SECRET,
    WX_APPID: wx.appid,
    WX_SECRET: wx.secret,
    WX_API_BASE: wx.url,
    ...s.extra,
  };
  const server = await spawnQuietServer(env);
  try {
    const cpu0 = cpuSeconds(server.proc.pid!);
    const runId = randomUUID().slice(0, 8);
    const outcomes = await Promise.all(
      Array.from({ length: s.students }, async (_, i) => {
        await sleep(Math.random() * WINDOW_MS);
        return student(server, wx, `${runId}-${i}`, QUESTIONS[i % QUESTIONS.length]!).catch((err: Error) => ({ failed: `${err.message} (${(err.cause as Error | undefined)?.message ?? ''})` }));
      }),
    );
    const cpu = cpuSeconds(server.proc.pid!) - cpu0;
    const ok = outcomes.filter((o): o is Extract<Outcome, { first: number }> => 'first' in o);
    const failures = outcomes.filter((o): o is { failed: string } => 'failed' in o).map((o) => o.failed);
    const row = {
      ...s,
      answered: ok.length,
      failures: [...new Set(failures)].map((f) => `${f} ×${failures.filter((x) => x === f).length}`).join(', '),
      firstP50: percentile(ok.map((o) => o.first), 50),
      firstP95: percentile(ok.map((o) => o.first), 95),
      doneP50: percentile(ok.map((o) => o.done), 50),
      doneP95: percentile(ok.map((o) => o.done), 95),
      doneMax: Math.max(...ok.map((o) => o.done)),
      loginP95: percentile(ok.map((o) => o.login), 95),
      cpu,
    };
    console.log(JSON.stringify(row));
    return row;
  } finally {
    await stopServer(server);
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const wx = await startFakeWechat();
const scenarios: Scenario[] = [];
for (const store of STORES) {
  for (const students of SIZES) scenarios.push({ store, students, extra: {}, label: 'defaults' });
  if (SIZES.includes(300)) scenarios.push({ store, students: 300, extra: { GENERATION_CONCURRENCY: '16' }, label: 'GENERATION_CONCURRENCY=16 (previous default)' });
}
const rows: Awaited<ReturnType<typeof runScenario>>[] = [];
const load0 = loadavg()[0]!;
for (const s of scenarios) rows.push(await runScenario(s, wx));
const load1 = loadavg()[0]!;
await wx.close();

const s = (ms: number) => (ms / 1000).toFixed(2);
const table = rows
  .map((r) => `| ${r.store} | ${r.students} | ${r.label} | ${r.answered}/${r.students}${r.failures ? ` (${r.failures})` : ''} | ${s(r.firstP50)} | **${s(r.firstP95)}** | ${s(r.doneP50)} | ${s(r.doneP95)} | ${s(r.doneMax)} | ${s(r.loginP95)} | ${r.cpu.toFixed(1)} | ${((r.cpu * 1000) / r.students).toFixed(1)} |`)
  .join('\n');
const baseline = (store: string) => rows.find((r) => r.store === store && r.students === 300 && r.label !== 'defaults');
const current = (store: string) => rows.find((r) => r.store === store && r.students === 300 && r.label === 'defaults');
const ratios = STORES.map((store) => {
  const b = baseline(store);
  const c = current(store);
  return b && c ? `- ${store}, 300 students: p95 first text ${(c.firstP95 / b.firstP95).toFixed(2)}× and p95 full answer ${(c.doneP95 / b.doneP95).toFixed(2)}× the previous default's, measured in the same run.` : '';
}).filter(Boolean);

writeFileSync(
  RESULTS,
  `# Classroom: a lecture hall asking at once

Each student opens the mini-program at a random moment within ${WINDOW_MS / 1000} s, logs in (\`AUTH=wx-login\`
against the test kit's fake WeChat API on loopback), opens the socket and asks one question of the
shipped knowledge base, as the SDK does on a first send. Times are from that tap: the first text on
screen, and the whole answer. Server settings: the defaults, plus the store and login (and, for the
baseline rows, \`GENERATION_CONCURRENCY=16\`, the default before engines had their own).

Conditions: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${load0.toFixed(2)} at the start and ${load1.toFixed(2)} at the end.
${Math.max(load0, load1) > 2 ? '**Other work shared the machine during the run** (see the load), and the' : 'The'} bench
client (${Math.max(...SIZES)} sockets, all from one address, as a lecture hall behind one campus NAT) ran on
the same two cores as the server, so absolute figures are pessimistic; the ratios against the
baseline were measured in the same run. One run per row.
Generated by \`bench/classroom/classroom-bench.ts\` on ${new Date().toISOString().slice(0, 10)}.

| store | students | settings | answered | first text p50 (s) | first text p95 (s) | full answer p50 (s) | full answer p95 (s) | full answer max (s) | login p95 (s) | server CPU (s) | server CPU per student (ms) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table}

${ratios.join('\n')}

Goal: p95 first text ≤ 2 s for 300 students on SQLite and on MySQL.
`,
);
console.log(`wrote ${RESULTS}`);
process.exit(0);
