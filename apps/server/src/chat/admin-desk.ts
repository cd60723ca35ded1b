import type { Forgotten, KbEntry, KbEntryVersion, KbImportRequest, KbSynonyms } from '@mpchat/contract';
import type { KnowledgeRanking } from '../ports/engine.js';
import type { KbRecord } from '../ports/knowledge-store.js';
import type { AdminGate, Teacher } from './admin-gate.js';
import type { Caller } from './caller.js';
import type { ClientPolicy } from './client-policy.js';
import { forgetStudent } from './forget-operations.js';
import { createEntry, deleteEntry, entryOf, entryVersions, listEntries, liveEntry, revertEntry, updateEntry, versionOf, type KbEntryInput } from './kb-entries.js';
import { exportKnowledge, importKnowledge, saveSynonyms, synonyms, type ImportCounts } from './kb-transfer.js';
import type { KnowledgeSync } from './knowledge-sync.js';
import { SYNONYMS_ID } from '../ports/knowledge-store.js';
import type { ServiceCore } from './service-core.js';
import { CourseDesk } from './course-desk.js';
import type { QuestionSimilarity } from './question-similarity.js';

export type { Teacher } from './admin-gate.js';

const synonymsOf = (r: KbRecord | undefined): KbSynonyms =>
  r ? { text: r.body, version: r.version, updatedBy: r.updatedBy, updatedAt: new Date(r.updatedAt).toISOString() } : { text: '', version: 0, updatedBy: '', updatedAt: null };

/**
 * The teachers' side of the chat service's door. Every admin transport first calls {@link admit}
 * (the token check and its throttle live there, for every admin route alike); the other methods
 * take the {@link Teacher} it answered, so none can be called without passing the gate.
 */
export class AdminDesk {
  /** The course's records: conversations, numbers, moderation log, unanswered questions. */
  readonly course: CourseDesk;

  constructor(
    private readonly core: ServiceCore,
    private readonly gate: AdminGate,
    private readonly policy: ClientPolicy,
    private readonly knowledge: KnowledgeSync,
    private readonly rank: ((question: string, limit: number) => KnowledgeRanking) | undefined,
    similarity: QuestionSimilarity,
  ) {
    this.course = new CourseDesk(core, similarity, (t, input) => this.changing(createEntry(core, t, input)));
  }

  /** Whether the admin API is on (some admin token is configured). */
  get enabled(): boolean {
    return this.gate.enabled;
  }

  /** The teacher behind `authorization`, or UNAUTHENTICATED / RATE_LIMITED (wrong tokens are throttled per address). */
  admit(caller: Caller, authorization: string): Promise<Teacher> {
    return this.gate.admit(caller, authorization);
  }

  /** One page of the knowledge-base entries. */
  async kbEntries(_t: Teacher, query: Parameters<typeof listEntries>[1]): Promise<{ items: KbEntry[]; nextCursor: string | null }> {
    const page = await listEntries(this.core, query);
    return { items: page.items.map(entryOf), nextCursor: page.nextCursor };
  }

  /** One entry, or ENTRY_NOT_FOUND. */
  async kbEntry(_t: Teacher, id: string): Promise<KbEntry> {
    return entryOf(await liveEntry(this.core, id));
  }

  /** Every version of an entry, newest first. */
  async kbVersions(_t: Teacher, id: string): Promise<KbEntryVersion[]> {
    return (await entryVersions(this.core, id)).map(versionOf);
  }

  /** Creates an entry; every instance answers from it within moments. */
  async kbCreate(t: Teacher, input: KbEntryInput): Promise<KbEntry> {
    return entryOf(await this.changing(createEntry(this.core, t, input)));
  }

  async kbUpdate(t: Teacher, id: string, input: KbEntryInput): Promise<KbEntry> {
    return entryOf(await this.changing(updateEntry(this.core, t, id, input)));
  }

  async kbDelete(t: Teacher, id: string): Promise<KbEntry> {
    return entryOf(await this.changing(deleteEntry(this.core, t, id)));
  }

  async kbRevert(t: Teacher, id: string, version: number): Promise<KbEntry> {
    return entryOf(await this.changing(revertEntry(this.core, t, id, version)));
  }

  /** The hit test: what the engine would use for `question` (empty when the engine has no knowledge base). */
  kbSearch(_t: Teacher, question: string, limit: number): KnowledgeRanking {
    return this.rank?.(question, limit) ?? { matched: false, hits: [] };
  }

  kbExport(_t: Teacher, format: 'zip' | 'markdown'): ReturnType<typeof exportKnowledge> {
    return exportKnowledge(this.core, format);
  }

  kbImport(t: Teacher, req: Pick<KbImportRequest, 'format' | 'content' | 'file' | 'replace'>): Promise<ImportCounts> {
    return this.changing(importKnowledge(this.core, t, req));
  }

  async synonyms(_t: Teacher): Promise<KbSynonyms> {
    return synonymsOf(await synonyms(this.core));
  }

  async synonymsVersions(_t: Teacher): Promise<KbSynonyms[]> {
    return (await this.core.store.kbVersions(SYNONYMS_ID)).map(synonymsOf);
  }

  async saveSynonyms(t: Teacher, text: string, version?: number): Promise<KbSynonyms> {
    return synonymsOf(await this.changing(saveSynonyms(this.core, t, text, version)));
  }

  /** After a knowledge-base write: this instance uses it now and every other one hears of it. */
  private async changing<T>(write: Promise<T>): Promise<T> {
    const out = await write;
    await this.knowledge.changed();
    return out;
  }

  /** Deletes every session, turn and rating of the student with this pseudonym (right to be forgotten). */
  async forgetStudent(teacher: Teacher, student: string): Promise<Forgotten> {
    this.core.log.info({ teacher: teacher.name, student }, 'teacher deletes a student');
    return forgetStudent(this.core, student, (closed) => this.policy.expired(closed));
  }
}
