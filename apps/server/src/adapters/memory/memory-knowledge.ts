import type { KbRecord } from '../../ports/knowledge-store.js';

const copy = (r: KbRecord): KbRecord => ({ ...r, tags: [...r.tags] });

/** The knowledge base in process: every version of every record, newest last. */
export class MemoryKnowledge {
  private readonly versions = new Map<string, KbRecord[]>();

  records(): KbRecord[] {
    return [...this.versions.values()].map((v) => copy(v.at(-1)!));
  }

  record(id: string): KbRecord | undefined {
    const r = this.versions.get(id)?.at(-1);
    return r && copy(r);
  }

  history(id: string): KbRecord[] {
    return (this.versions.get(id) ?? []).map(copy).reverse();
  }

  save(record: KbRecord): boolean {
    const list = this.versions.get(record.id) ?? [];
    if (record.version !== (list.at(-1)?.version ?? 0) + 1) return false;
    list.push(copy(record));
    this.versions.set(record.id, list);
    return true;
  }
}
