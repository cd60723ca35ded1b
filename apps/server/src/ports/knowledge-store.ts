/**
 * One version of a knowledge-base entry as the store keeps it. Every change (create, edit,
 * delete, revert) writes a new, complete version; the newest is the entry. The synonyms list is
 * kept the same way, as the entry {@link SYNONYMS_ID} whose body is the list.
 */
export interface KbRecord {
  id: string;
  /** 1 for the first version, then +1 per change. */
  version: number;
  title: string;
  /** Markdown. */
  body: string;
  tags: string[];
  /** Whether the engine may answer from it. */
  enabled: boolean;
  /** The `# ` title of the file it is exported to. */
  topic: string;
  /** The file it is exported to (KB_DIR layout), e.g. `05-bgp.md`. */
  file: string;
  /** Position within its file (export order). */
  rank: number;
  /** True for the version that deleted the entry. */
  deleted: boolean;
  /** The teacher (ADMIN_TOKENS name) who wrote this version; `seed` for KB_DIR. */
  updatedBy: string;
  /** When, ms since epoch. */
  updatedAt: number;
}

/** Id of the record holding the synonyms list (never a valid entry id of a KB_DIR file or a teacher's entry). */
export const SYNONYMS_ID = '_synonyms';

/**
 * The knowledge base in the store, shared by every instance using it. Writes are compare-and-set
 * on the version, so two teachers saving the same entry at once never lose an edit silently.
 */
export interface KnowledgeStore {
  /** The newest version of every record (deleted ones included, as their deleting version). */
  kbRecords(): Promise<KbRecord[]>;
  /** The newest version of one record. */
  kbRecord(id: string): Promise<KbRecord | undefined>;
  /** Every version of one record, newest first. */
  kbVersions(id: string): Promise<KbRecord[]>;
  /**
   * Stores `record` as the record's newest version if its version is exactly one more than the
   * stored newest (1 when there is none). False when another write came first.
   */
  kbSave(record: KbRecord): Promise<boolean>;
}
