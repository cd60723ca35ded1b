import type { Knowledge, ReplyEngine } from '../ports/engine.js';
import type { ChatEvent } from '../ports/bus.js';
import { SYNONYMS_ID, type KbRecord } from '../ports/knowledge-store.js';
import type { KbFileEntry } from '../knowledge/kb-files.js';
import type { ServiceCore } from './service-core.js';

/** The id a KB_DIR entry gets: its file name without `.md`, then its position (`05-bgp.md` #3 → `05-bgp-3`). */
export function seededId(file: string, rank: number): string {
  return `${file.replace(/\.md$/i, '').replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 50)}-${rank}`;
}

/** What the engine answers from: the enabled, undeleted entries and the synonyms list. */
export function knowledgeOf(records: readonly KbRecord[]): Knowledge {
  const live = records.filter((r) => !r.deleted);
  return {
    entries: live
      .filter((r) => r.id !== SYNONYMS_ID && r.enabled)
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.rank - b.rank))
      .map((r) => ({ id: r.id, title: r.title, body: r.body, topic: r.topic, file: r.file })),
    synonyms: live.find((r) => r.id === SYNONYMS_ID)?.body ?? '',
  };
}

/**
 * Keeps the engine's index in step with the knowledge base in the store, on every instance. At
 * start an empty store is seeded from KB_DIR; after a change an instance applies it at once and
 * announces it on the bus, and every other instance re-reads the store and swaps in a new index
 * (built completely first, so no request sees a half-built one or is dropped).
 */
export class KnowledgeSync {
  private requested = 0;
  private applied = 0;

  constructor(
    private readonly core: ServiceCore,
    private readonly engine: Pick<ReplyEngine, 'useKnowledge'>,
    private readonly seed: (() => Promise<KbFileEntry[]>) | undefined,
    private readonly seedSynonyms?: (() => Promise<string | undefined>) | undefined,
  ) {}

  /**
   * Seeds an empty store from KB_DIR (the first instance to start wins; the others find it seeded),
   * then applies the store's knowledge. A store that cannot answer now (locked, down) does not stop
   * the server: it answers from the KB_DIR index the engine loaded, and tries again every few seconds.
   */
  async start(): Promise<void> {
    try {
      await this.seedAndApply();
    } catch (err) {
      this.core.log.warn({ err }, 'knowledge base: the store cannot be read yet; answering from KB_DIR, retrying');
      const retry = setTimeout(() => void this.start(), 5_000);
      retry.unref();
    }
  }

  private async seedAndApply(): Promise<void> {
    if (this.seed && (await this.core.store.kbRecords()).length === 0) {
      const now = this.core.now();
      let n = 0;
      for (const e of await this.seed()) {
        const record: KbRecord = { id: seededId(e.file, e.rank), version: 1, ...e, tags: [], enabled: true, deleted: false, updatedBy: 'seed', updatedAt: now };
        if (await this.core.store.kbSave(record)) n++;
      }
      const synonyms = await this.seedSynonyms?.();
      if (synonyms !== undefined) {
        const record: KbRecord = { id: SYNONYMS_ID, version: 1, title: 'synonyms', body: synonyms, tags: [], enabled: true, topic: '', file: 'synonyms.txt', rank: 0, deleted: false, updatedBy: 'seed', updatedAt: now };
        await this.core.store.kbSave(record);
      }
      if (n > 0) {
        this.core.log.info({ entries: n, synonyms: synonyms !== undefined }, 'seeded the knowledge base from KB_DIR');
        // Instances starting at the same time may have read the store half seeded: tell them it is whole.
        await this.changed();
        return;
      }
    }
    await this.apply();
  }

  /** A bus event: another instance changed the knowledge base. */
  onEvent(e: ChatEvent): void {
    if (e.type !== 'knowledge') return;
    this.apply().catch((err: unknown) => this.core.log.warn({ err }, 'knowledge base reload failed; will apply the next change'));
  }

  /** After a change on this instance: use it here now, and tell every instance. */
  async changed(): Promise<void> {
    await this.apply();
    await this.core.bus.publish({ type: 'knowledge', sessionId: '' });
  }

  /** Reads the store and swaps the engine's index; a read that finishes after a newer one is dropped. */
  async apply(): Promise<void> {
    if (!this.engine.useKnowledge) return;
    const n = ++this.requested;
    const knowledge = knowledgeOf(await this.core.store.kbRecords());
    if (n < this.applied) return;
    this.applied = n;
    this.engine.useKnowledge(knowledge);
  }
}
