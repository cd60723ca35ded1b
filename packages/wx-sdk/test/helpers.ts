import { ChatClient, wxAdapter, type ChatClientOptions } from '../src/index.js';
import { WxShim } from '@mpchat/testkit';

/** The question the built-in knowledge base answers with a ~900-character Chinese reply. */
export const BGP = '请问BGP协议实验ping不通怎么办?';
/** How that reply begins. */
export const BGP_TITLE = '**BGP实验ping不通怎么办**';

/** Collects what onDelta receives. */
export function deltaLog() {
  const log = {
    deltas: [] as string[],
    textSoFar: '',
    onDelta(soFar: string, delta: string) {
      log.deltas.push(delta);
      log.textSoFar = soFar;
    },
  };
  return log;
}

/** A client on a fresh wx shim, with quick retries (tests must not wait for production backoff). */
export function wxClient(options: Omit<ChatClientOptions, 'adapter'>, shim = new WxShim()) {
  const client = new ChatClient({ retryBaseMs: 50, retryMaxMs: 400, ...options, adapter: wxAdapter(shim) });
  const statuses: string[] = [];
  client.on('status', (status, transport) => statuses.push(`${status}/${transport}`));
  return { client, shim, statuses };
}

/** Delta frames a shim socket received, parsed. */
export function deltaFrames(frames: string[]): Array<{ seq: number; offset: number; text: string }> {
  return frames.map((f) => JSON.parse(f) as { type: string; seq: number; offset: number; text: string }).filter((f) => f.type === 'delta');
}
