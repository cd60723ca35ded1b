// Connections break mid-reply; the reply must still arrive whole: no gap, no duplicate.
import { describe, expect, inject, it } from 'vitest';
import { bindAppLifecycle } from '../src/index.js';
import { BGP, deltaFrames, deltaLog, wxClient } from './helpers.js';
import { referenceReply } from './reference-reply.js';

describe.concurrent('resuming by seq', () => {
  it('a socket dropped mid-stream reconnects, replays from the cursor, and the text has no gap and no duplicate', async () => {
    const expected = await referenceReply(inject('fastUrl'));
    const { client, shim, statuses } = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket' });
    const log = deltaLog();
    let droppedAt = 0;
    const reply = await client.send(BGP, {
      onDelta: (soFar, delta) => {
        log.onDelta(soFar, delta);
        if (!droppedAt && soFar.length > 150) {
          droppedAt = soFar.length;
          shim.sockets[0]!.terminate();
        }
      },
    });
    expect(droppedAt).toBeGreaterThan(0);
    expect(reply.content).toBe(expected);
    expect(log.deltas.join('')).toBe(expected);
    // The second socket resumed with after=0 and was sent text the client already had: it dropped it.
    expect(shim.sockets).toHaveLength(2);
    expect(shim.sockets[1]!.url).toMatch(/[?&]after=0(&|$)/);
    const replayed = deltaFrames(shim.sockets[1]!.received)[0]!;
    expect(replayed.offset).toBe(0);
    expect(replayed.text.length).toBeGreaterThanOrEqual(droppedAt);
    expect(statuses).toEqual(['connecting/socket', 'open/socket', 'reconnecting/socket', 'open/socket']);
    expect(shim.maxLiveSockets).toBe(1);
    await client.destroy();
  });

  it('a socket that goes silent is found dead by missed pongs and replaced', async () => {
    const expected = await referenceReply(inject('fastUrl'));
    const { client, shim, statuses } = wxClient({ baseUrl: inject('slowUrl'), transport: 'socket', pingIntervalMs: 200, pongTimeoutMs: 500 });
    const log = deltaLog();
    let stalled = false;
    const reply = await client.send(BGP, {
      onDelta: (soFar, delta) => {
        log.onDelta(soFar, delta);
        if (!stalled && soFar.length > 100) {
          stalled = true;
          shim.sockets[0]!.stall();
        }
      },
    });
    expect(stalled).toBe(true);
    // The stalled socket never delivers another frame nor closes: only a replacement brings the rest.
    expect(reply.content).toBe(expected);
    expect(log.deltas.join('')).toBe(expected);
    expect(shim.sockets.length).toBeGreaterThanOrEqual(2);
    expect(statuses).toContain('reconnecting/socket');
    expect(shim.maxLiveSockets).toBe(1);
    await client.destroy();
  });

  it.each(['socket', 'longpoll'] as const)(
    'over %s, hiding the app closes everything; showing it resumes and the reply that finished meanwhile arrives once',
    async (transport) => {
      const expected = await referenceReply(inject('fastUrl'));
      const { client, shim, statuses } = wxClient({ baseUrl: inject('slowUrl'), transport });
      shim.interruptAfterMs = 50;
      const detach = bindAppLifecycle(client, shim);
      const log = deltaLog();
      const events: string[] = [];
      let networkWhileHidden = -1;
      setTimeout(() => {
        shim.hide();
        events.push('hide');
        // Long enough for the server to finish the reply while the app is in the background.
        setTimeout(() => {
          networkWhileHidden = shim.liveSockets + shim.inFlight;
          events.push('show');
          shim.show();
        }, 2_600);
      }, 500);
      const reply = await client.send(BGP, { onDelta: log.onDelta });
      events.push('reply');
      expect(events).toEqual(['hide', 'show', 'reply']);
      expect(networkWhileHidden).toBe(0);
      expect(shim.startedWhileHidden).toBe(0);
      expect(reply.content).toBe(expected);
      expect(log.deltas.join('')).toBe(expected);
      const offline = statuses.indexOf(`offline/${transport}`);
      expect(offline).toBeGreaterThan(0);
      expect(statuses.slice(offline)).toContain(`open/${transport}`);
      detach();
      expect(shim.lifecycleListeners).toBe(0);
      await client.destroy();
    },
  );
});
