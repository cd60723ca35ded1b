import type { ServerFrame } from '@mpchat/contract';
import type { ChatEvent } from '../ports/bus.js';

type DeltaEvent = Extract<ChatEvent, { type: 'delta' }>;

// One serialised frame per delta event, keyed by the event object the bus hands every subscriber.
const frames = new WeakMap<DeltaEvent, { from: number; json: string }>();

/**
 * The `delta` frame that gives a socket holding the first `have` characters of the turn's reply
 * the rest of `e`, as JSON. Every socket watching a turn in step holds the same `have`, so the
 * frame is serialised once per delta and the same string is sent to each of them; a socket at
 * another point (just resynced) gets its own.
 */
export function deltaFrameJson(e: DeltaEvent, have: number): string {
  const hit = frames.get(e);
  if (hit?.from === have) return hit.json;
  const frame: ServerFrame = { type: 'delta', seq: e.seq, offset: have, text: e.text.slice(have - e.offset) };
  const json = JSON.stringify(frame);
  frames.set(e, { from: have, json });
  return json;
}
