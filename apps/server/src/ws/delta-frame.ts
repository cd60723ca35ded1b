import type { ChatEvent } from '../ports/bus.js';

type DeltaEvent = Extract<ChatEvent, { type: 'delta' }>;

// The last frame serialised: the bus hands one event to every subscriber in turn, so the sockets
// watching a turn ask for the same frame one after another.
let lastEvent: DeltaEvent | undefined;
let lastFrom = -1;
let lastJson = '';

/**
 * The `delta` frame that gives a socket holding the first `have` characters of the turn's reply
 * the rest of `e`, as JSON. Every socket watching a turn in step holds the same `have`, so the
 * frame is serialised once per delta and the same string is sent to each of them; a socket at
 * another point (just resynced) gets its own. Written by hand (same JSON as serialising the frame
 * object, fields in the same order): only the text needs escaping.
 */
export function deltaFrameJson(e: DeltaEvent, have: number): string {
  if (e === lastEvent && have === lastFrom) return lastJson;
  lastEvent = e;
  lastFrom = have;
  lastJson = `{"type":"delta","seq":${e.seq},"offset":${have},"text":${JSON.stringify(have === e.offset ? e.text : e.text.slice(have - e.offset))}}`;
  return lastJson;
}
