// A network switch (Wi-Fi → 4G) strands the socket without a close event.
import { describe, expect, inject, it } from 'vitest';
import { BGP, BGP_TITLE, deltaLog, wxClient } from './helpers.js';

describe('a network switch', () => {
  it('reconnects at once on wx.onNetworkStatusChange instead of waiting for the heartbeat (was ~15 s)', async () => {
    // The server's heartbeat is 20 s: a stranded socket is found dead only after a ping (10 s)
    // and its pong timeout (5 s), longer than this send may take.
    const { client, shim } = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket', timeoutMs: 8_000 });
    const log = deltaLog();
    const reply = client.send(BGP, { onDelta: log.onDelta });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => log.deltas.length > 0 && (clearInterval(check), resolve()), 10);
    });
    shim.switchNetwork();
    const r = await reply;
    expect(r.content.startsWith(BGP_TITLE)).toBe(true);
    expect(log.textSoFar).toBe(r.content);
    expect(shim.sockets).toHaveLength(2);
    await client.destroy();
  });
});
