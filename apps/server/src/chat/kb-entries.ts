import { randomBytes } from 'node:crypto';
import type { KbEntry, KbEntryVersion } from '@mpchat/contract';
import { SYNONYMS_ID, type KbRecord } from '../ports/knowledge-store.js';
import { TEACHER_FILE, TEACHER_TOPIC } from '../knowledge/kb-files.js';
import type { Teacher } from './admin-gate.js';
import { ChatError } from './chat-error.js';
import type { ServiceCore } from './service-core.js';

/** What a teacher writes (validated by the contract). */
export interface KbEntryInput {
  title: string;
  body: string;
  tags?: string[] | undefined;
  enabled?: boolean | undefined;
  topic?: string | undefined;
  file?: string | undefined;
  /** The version the edit is based on (optimistic concurrency). */
  version?: number | undefined;
}

/** A stored version as the contract shows it. */
export function entryOf(r: KbRecord): KbEntry {
  return { id: r.id, title: r.title, body: r.body, tags: r.tags, enabled: r.enabled, topic: r.topic, file: r.file, version: r.version, updatedBy: r.updatedBy, updatedAt: new Date(r.updatedAt).toISOString() };
}

/** A version in an entry's history. */
export const versionOf = (r: KbRecord): KbEntryVersion => ({ ...entryOf(r), deleted: r.deleted });

/** Whether a record is an entry teachers see (not deleted, not the synonyms list). */
export const isLiveEntry = (r: KbRecord): boolean => !r.deleted && r.id !== SYNONYMS_ID;

const notFound = (id: string) => new ChatError('ENTRY_NOT_FOUND', `there is no knowledge-base entry ${id}`);

/** The entry, or ENTRY_NOT_FOUND (also for a deleted one and the synonyms record). */
export async function liveEntry(core: ServiceCore, id: string): Promise<KbRecord> {
  const r = await core.store.kbRecord(id);
  if (!r || !isLiveEntry(r)) throw notFound(id);
  return r;
}

/**
 * Writes `next` as the version after `base` (or as version 1 without one). A racing write of the
 * same version answers VERSION_CONFLICT: the teacher reloads and edits again, nobody's edit is lost.
 */
export async function saveVersion(core: ServiceCore, teacher: Teacher, base: KbRecord | undefined, next: Omit<KbRecord, 'version' | 'updatedBy' | 'updatedAt'>): Promise<KbRecord> {
  const record: KbRecord = { ...next, version: (base?.version ?? 0) + 1, updatedBy: teacher.name, updatedAt: core.now() };
  if (!(await core.store.kbSave(record))) throw new ChatError('VERSION_CONFLICT', `${record.id} was changed by someone else meanwhile; reload it and edit again`);
  core.log.info({ teacher: teacher.name, entry: record.id, version: record.version, deleted: record.deleted }, 'knowledge base changed');
  return record;
}

/** A new entry (its id is generated); it goes last in its file. */
export async function createEntry(core: ServiceCore, teacher: Teacher, input: KbEntryInput): Promise<KbRecord> {
  const file = input.file ?? TEACHER_FILE;
  const records = await core.store.kbRecords();
  const rank = Math.max(0, ...records.filter((r) => r.file === file && isLiveEntry(r)).map((r) => r.rank)) + 1;
  const topic = input.topic ?? records.find((r) => r.file === file && isLiveEntry(r))?.topic ?? TEACHER_TOPIC;
  const id = `t-${randomBytes(6).toString('hex')}`;
  return saveVersion(core, teacher, undefined, { id, title: input.title, body: input.body, tags: input.tags ?? [], enabled: input.enabled ?? true, topic, file, rank, deleted: false });
}

/** An edit: the whole entry again; the previous version stays in its history. */
export async function updateEntry(core: ServiceCore, teacher: Teacher, id: string, input: KbEntryInput): Promise<KbRecord> {
  const base = await liveEntry(core, id);
  if (input.version !== undefined && input.version !== base.version) {
    throw new ChatError('VERSION_CONFLICT', `${id} is at version ${base.version}, not ${input.version}; reload it and edit again`);
  }
  return saveVersion(core, teacher, base, {
    ...base,
    title: input.title,
    body: input.body,
    tags: input.tags ?? base.tags,
    enabled: input.enabled ?? base.enabled,
    topic: input.topic ?? base.topic,
    file: input.file ?? base.file,
  });
}

/** Deletes an entry: a new version marked deleted (revert brings it back). */
export async function deleteEntry(core: ServiceCore, teacher: Teacher, id: string): Promise<KbRecord> {
  const base = await liveEntry(core, id);
  return saveVersion(core, teacher, base, { ...base, deleted: true });
}

/** Every version of an entry (deleted ones too), newest first. */
export async function entryVersions(core: ServiceCore, id: string): Promise<KbRecord[]> {
  const versions = id === SYNONYMS_ID ? [] : await core.store.kbVersions(id);
  if (versions.length === 0) throw notFound(id);
  return versions;
}

/** Brings version `version` back as a new version (undeleting the entry if it was deleted). */
export async function revertEntry(core: ServiceCore, teacher: Teacher, id: string, version: number): Promise<KbRecord> {
  const versions = await entryVersions(core, id);
  const old = versions.find((v) => v.version === version);
  if (!old) throw new ChatError('ENTRY_NOT_FOUND', `${id} has no version ${version} (it has 1 to ${versions[0]!.version})`);
  return saveVersion(core, teacher, versions[0], { ...old, deleted: false });
}

/** One page of the entries (by file, then position), filtered by text and tag. The cursor is the offset. */
export async function listEntries(core: ServiceCore, query: { q?: string | undefined; tag?: string | undefined; cursor?: string | undefined; limit?: number | undefined }): Promise<{ items: KbRecord[]; nextCursor: string | null }> {
  const q = query.q?.toLowerCase();
  const all = (await core.store.kbRecords())
    .filter((r) => isLiveEntry(r) && (!q || r.title.toLowerCase().includes(q) || r.body.toLowerCase().includes(q)) && (!query.tag || r.tags.includes(query.tag)))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.rank - b.rank || (a.id < b.id ? -1 : 1)));
  const offset = query.cursor && /^o\d{1,9}$/.test(query.cursor) ? Number(query.cursor.slice(1)) : 0;
  const limit = query.limit ?? 50;
  const items = all.slice(offset, offset + limit);
  return { items, nextCursor: offset + limit < all.length ? `o${offset + limit}` : null };
}
