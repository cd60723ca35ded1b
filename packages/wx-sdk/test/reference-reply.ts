import { ChatClient, webAdapter } from '../src/index.js';
import { BGP } from './helpers.js';

const cache = new Map<string, Promise<string>>();

/** The kb engine's whole answer to {@link BGP} (deterministic), fetched once by plain polling. */
export function referenceReply(baseUrl: string): Promise<string> {
  let p = cache.get(baseUrl);
  if (!p) {
    const client = new ChatClient({ baseUrl, transport: 'longpoll', adapter: webAdapter() });
    p = client.send(BGP).then(async (r) => {
      await client.destroy();
      return r.content;
    });
    cache.set(baseUrl, p);
  }
  return p;
}
