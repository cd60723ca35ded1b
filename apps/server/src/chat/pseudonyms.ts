import { randomBytes } from 'node:crypto';
import { pseudonymOf } from '../auth/pseudonym.js';
import type { ClientKey } from '../auth/identity.js';
import type { RetentionStore } from '../ports/store.js';

/** Name of the pseudonym key among the store's shared secrets. */
const SECRET_NAME = 'pseudonym-key';

/**
 * The students' pseudonyms. The key is PSEUDONYM_KEY when set, else a random key the first
 * instance stores in the shared store (every instance then reads the same one, and it survives
 * restarts). Read once, on first use.
 */
export class Pseudonyms {
  private key: Promise<string> | undefined;

  constructor(
    private readonly store: Pick<RetentionStore, 'sharedSecret'>,
    private readonly configured: string | undefined,
  ) {}

  /** The pseudonym of a client key. */
  async of(client: ClientKey): Promise<string> {
    return pseudonymOf(await this.secret(), client);
  }

  private secret(): Promise<string> {
    if (this.configured) return Promise.resolve(this.configured);
    this.key ??= this.store.sharedSecret(SECRET_NAME, randomBytes(32).toString('hex')).catch((err: unknown) => {
      // A store outage must not pin a failure: the next call asks again.
      this.key = undefined;
      throw err;
    });
    return this.key;
  }
}
