import type { ReceiveResponse } from '@mpchat/contract';
import type { Turn } from '../ports/store.js';
import { replyData } from '../chat/reply-data.js';

// A settled turn never changes (a new state is a new Turn object: the turn cache drops the old one),
// so its envelope and the envelope's JSON are built once per Turn object and shared by every poll.
const envelopes = new WeakMap<Turn, ReceiveResponse>();
const json = new WeakMap<object, string>();

/**
 * The receive envelope of a settled (completed or stopped) turn: `{code: 200, message: 'ok', data}`,
 * the same object for the same Turn, its JSON written once (see {@link jsonOf}).
 */
export function settledEnvelope(turn: Turn): ReceiveResponse {
  let envelope = envelopes.get(turn);
  if (!envelope) {
    envelope = { code: 200, message: 'ok', data: replyData(turn) };
    envelopes.set(turn, envelope);
    json.set(envelope, JSON.stringify(envelope));
  }
  return envelope;
}

/** The JSON of an envelope built by {@link settledEnvelope} (exactly what Koa would write for it), else undefined. */
export function jsonOf(envelope: object): string | undefined {
  return json.get(envelope);
}
