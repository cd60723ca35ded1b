import type { PartialReply } from '../../ports/store.js';
import type { LuaScript } from './lua-script.js';
import { storeScript as script } from './redis-store-lua.js';

/** Turns written per script call: no single script holds Redis for long. */
const PARTIALS_PER_SCRIPT = 200;

/** ARGV: P, then sid, seq, reply for each turn. Like SAVE_PARTIAL, for a batch of turns. */
export const SAVE_PARTIALS = script(
  'savePartials',
  `
for i = 2, #ARGV, 3 do
  local t = T(ARGV[i], ARGV[i + 1])
  if unsettled(redis.call('HGET', t, 'status')) then redis.call('HSET', t, 'reply', ARGV[i + 2]) end
end
return 0
`,
);

/**
 * Saves a batch of partial replies: one script per {@link PARTIALS_PER_SCRIPT} turns, all sent at
 * once (ioredis writes them in one go, Redis answers them in order): one round trip.
 */
export async function savePartialsIn(run: (script: LuaScript, args: (string | number)[]) => Promise<unknown>, batch: readonly PartialReply[]): Promise<void> {
  const calls: Promise<unknown>[] = [];
  for (let i = 0; i < batch.length; i += PARTIALS_PER_SCRIPT) {
    calls.push(run(SAVE_PARTIALS, batch.slice(i, i + PARTIALS_PER_SCRIPT).flatMap((p) => [p.sessionId, p.seq, p.reply])));
  }
  await Promise.all(calls);
}
