// The fake OpenAI-compatible provider the tests use, in its own process so its CPU is not the
// server's: every completion streams TOKENS pieces at RATE per second after a 200 ms first token.
// Usage: fake-llm.ts [tokens=90] [rate=30]  → sends {ready: {port, path: baseURL}}.
import { startFakeUpstream, streamReply } from '../../apps/server/src/engines/openai/testing/fake-upstream.js';
import { serveTarget } from '../cpu/target-ipc.js';

const tokens = Number(process.argv[2] ?? 90);
const rate = Number(process.argv[3] ?? 30);
const fake = await startFakeUpstream();
// One token ≈ two Chinese characters (the size DeepSeek-style tokenisers give Chinese text).
const pieces = Array.from({ length: tokens }, (_, i) => '网络协议'.slice(i % 3, (i % 3) + 2));
fake.setDefault(async (res, req) => {
  // The fake keeps every request it saw; a capacity run sends thousands, so forget them.
  fake.requests.length = 0;
  await streamReply(pieces, { firstDelayMs: 200, gapMs: 1000 / rate })(res, req);
});
serveTarget();
process.send!({ ready: { port: 0, path: fake.baseURL } });
