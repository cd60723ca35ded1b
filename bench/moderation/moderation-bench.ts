// What content moderation adds to a streamed answer: TTFT and total time of the kb
// engine's ~900-character answer over WebSocket, with no moderation, with the local word list
// (`words`), and with WeChat's msgSecCheck (`wechat`) against the fake WeChat server answering in
// 50 ms. Also the cost of one `words` check, and how many msgSecCheck calls one answer needs.
//
//   pnpm --filter @mpchat/bench bench:moderation      MOD_SAMPLES=30 (default) MOD_WARMUP=3 (default)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFakeWechat } from '@mpchat/testkit';
import { createKbEngine } from '../../apps/server/src/engines/kb/index.js';
import { WordsFilter } from '../../apps/server/src/moderation/words-filter.js';
import { newSessionId, startTestServer, ts, type TestServer } from '../../apps/server/src/testing/test-server.js';
import { TestSocket } from '../../apps/server/src/testing/ws-client.js';

const SAMPLES = Number(process.env.MOD_SAMPLES ?? 30);
const WARMUP = Number(process.env.MOD_WARMUP ?? 3);
const QUESTION = '请问BGP协议实验ping不通怎么办?';
const CHUNK_DELAY_MS = 15; // KB_CHUNK_DELAY_MS's default: 12 characters every 15 ms
const WECHAT_DELAY_MS = 50;
const TERMS = 5_000;

// A word list of 5,000 two-to-four-character terms none of which occurs in the answers (each starts with 龘).
const rnd = (() => {
  let s = 42;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
})();
const terms = Array.from({ length: TERMS }, () => '龘' + Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => String.fromCodePoint(0x4e00 + Math.floor(rnd() * 20000))).join(''));
const wordsFile = join(mkdtempSync(join(tmpdir(), 'mpchat-bench-')), 'words.txt');
writeFileSync(wordsFile, terms.join('\n'));

const wx = await startFakeWechat();
wx.setDelay('msg_sec_check', WECHAT_DELAY_MS);
const kbDir = new URL('../../apps/server/kb/', import.meta.url);
const start = async (env: Record<string, string>): Promise<TestServer> =>
  // One bench user opens a session per answer: the per-client limits (10 a minute) are not what is measured.
  startTestServer({ engine: await createKbEngine({ dir: kbDir, chunkDelayMs: CHUNK_DELAY_MS }), env: { LIMIT_SESSIONS_PER_MINUTE: '0', LIMIT_LIVE_SESSIONS: '0', ...env } });
type Mode = 'none' | 'words' | 'wechat';
const servers: Record<Mode, TestServer> = {
  none: await start({}),
  words: await start({ MODERATION: 'words', MODERATION_WORDS_FILE: wordsFile }),
  wechat: await start({ MODERATION: 'wechat', WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url }),
};

interface Sample {
  first: number;
  done: number;
  chars: number;
  secChecks: number;
}

/** One answer over WebSocket: the message goes in through the service with an openid (msgSecCheck needs one). */
async function ask(mode: Mode): Promise<Sample> {
  const server = servers[mode];
  const sessionId = newSessionId();
  const sock = await TestSocket.open(server.wsUrl, sessionId);
  await sock.until((f) => f.some((x) => x.type === 'hello'));
  const checksBefore = wx.callsTo('msg_sec_check').length;
  let first = -1;
  let done = -1;
  const finished = new Promise<void>((resolve) => {
    sock.ws.on('message', (data) => {
      const type = (JSON.parse(data.toString()) as { type: string }).type;
      if (type === 'delta' && first < 0) first = performance.now() - t0;
      if (type === 'reply' || type === 'error') {
        done = performance.now() - t0;
        resolve();
      }
    });
  });
  const t0 = performance.now();
  await server.app.chat.send({ transport: 'ws', address: '127.0.0.1', identity: { kind: 'wx', openid: 'o-bench' } }, { sessionId, content: QUESTION, timestamp: ts() });
  await finished;
  const reply = sock.of('reply')[0];
  if (!reply || reply.status !== 'completed') throw new Error(`${mode}: ${JSON.stringify(sock.frames.at(-1))}`);
  sock.ws.close();
  return { first, done, chars: reply.data.content.length, secChecks: wx.callsTo('msg_sec_check').length - checksBefore };
}

const MODES: Mode[] = ['none', 'words', 'wechat'];
const results: Record<Mode, Sample[]> = { none: [], words: [], wechat: [] };
for (let i = 0; i < WARMUP + SAMPLES; i++) {
  for (let k = 0; k < MODES.length; k++) {
    const mode = MODES[(i + k) % MODES.length]!;
    const sample = await ask(mode);
    if (i >= WARMUP) results[mode].push(sample);
  }
}

// One `words` check of the whole answer, in-process.
const answer = (await (async () => {
  const s = servers.none;
  const sid = newSessionId();
  await s.app.chat.send({ transport: 'ws', address: '127.0.0.1', identity: { kind: 'anonymous', clientAddress: '127.0.0.1' } }, { sessionId: sid, content: QUESTION, timestamp: ts() });
  for (;;) {
    const t = await s.store.getTurn(sid, 1);
    if (t && t.status === 'completed') return t.reply;
    await new Promise((r) => setTimeout(r, 20));
  }
})())!;
const filter = await WordsFilter.fromFile(wordsFile);
for (let i = 0; i < 200; i++) await filter.check({ text: answer, direction: 'output' });
const N = 2_000;
const timeCheck = async (text: string) => {
  const c0 = performance.now();
  for (let i = 0; i < N; i++) await filter.check({ text, direction: 'output' });
  return (performance.now() - c0) / N;
};
// While streaming, the gate checks one sentence plus 100 characters already released: ~150 characters.
const windowText = answer.slice(300, 450);
const perWindowMs = await timeCheck(windowText);
const perCheckMs = await timeCheck(answer);

for (const s of Object.values(servers)) await s.close();
await wx.close();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const med = (m: Mode, k: 'first' | 'done') => pct(results[m].map((x) => x[k]), 50);
const f1 = (n: number) => n.toFixed(1);
const lines = [
  `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${SAMPLES} samples per mode after ${WARMUP} warm-up rounds, rotating order.`,
  `Answer: ${results.none[0]!.chars} characters, kb engine, 12 characters every ${CHUNK_DELAY_MS} ms; word list ${TERMS} terms; fake msgSecCheck answers in ${WECHAT_DELAY_MS} ms.`,
  '',
  '| moderation | TTFT p50 (ms) | TTFT p90 (ms) | TTFT ratio | total p50 (ms) | total p90 (ms) | total ratio | msgSecCheck calls per answer |',
  '|---|---|---|---|---|---|---|---|',
  ...MODES.map((m) => {
    const calls = results[m].map((x) => x.secChecks);
    return `| ${m} | ${f1(med(m, 'first'))} | ${f1(pct(results[m].map((x) => x.first), 90))} | ${(med(m, 'first') / med('none', 'first')).toFixed(2)} | ${f1(med(m, 'done'))} | ${f1(pct(results[m].map((x) => x.done), 90))} | ${(med(m, 'done') / med('none', 'done')).toFixed(2)} | ${m === 'wechat' ? `${Math.min(...calls)}–${Math.max(...calls)} (1 of them the input)` : '0'} |`;
  }),
  '',
  `One \`words\` check against ${TERMS} terms (mean of ${N}): a ${windowText.length}-character stream window ${(perWindowMs * 1000).toFixed(0)} µs; the whole ${answer.length}-character answer (the final check) ${(perCheckMs * 1000).toFixed(0)} µs.`,
];
process.stdout.write(lines.join('\n') + '\n');
