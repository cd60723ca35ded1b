import type { KbImportRequest } from '@mpchat/contract';
import { SYNONYMS_ID, type KbRecord } from '../ports/knowledge-store.js';
import { parseKbFiles, type KbFileEntry, renderKbFiles, unzipKbFiles, zipKbFiles } from '../knowledge/kb-files.js';
import type { Teacher } from './admin-gate.js';
import { ChatError } from '../errors/chat-error.js';
import { isLiveEntry, saveVersion } from './kb-entries.js';
import { seededId } from './knowledge-sync.js';
import type { ServiceCore } from './service-core.js';

/** The export: a zip of the KB_DIR files, or every file one after another as one Markdown text. */
export async function exportKnowledge(core: ServiceCore, format: 'zip' | 'markdown'): Promise<{ type: string; name: string; body: Uint8Array | string }> {
  const files = renderKbFiles((await core.store.kbRecords()).filter(isLiveEntry));
  if (format === 'zip') return { type: 'application/zip', name: 'kb.zip', body: zipKbFiles(files) };
  return { type: 'text/markdown; charset=utf-8', name: 'kb.md', body: [...files.values()].join('\n') };
}

/** What an import changed. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

function filesOf(req: Pick<KbImportRequest, 'format' | 'content' | 'file'>): Map<string, string> {
  if (req.format === 'markdown') return new Map([[req.file ?? 'imported.md', req.content]]);
  try {
    return unzipKbFiles(Buffer.from(req.content, 'base64'));
  } catch (err) {
    throw new ChatError('INVALID_ARGUMENT', `content is not a readable zip of Markdown files: ${(err as Error).message}`, {
      issues: [{ location: 'body', path: 'content', message: 'content: must be a zip of Markdown files, base64-encoded' }],
    });
  }
}

/**
 * Imports Markdown in the KB_DIR format. An entry is the same entry when its file and title match:
 * changed ones get a new version, new ones are created (with the id KB_DIR seeding gives), and
 * with `replace` the entries the import lacks are deleted. Every change is recorded under `teacher`.
 */
export async function importKnowledge(core: ServiceCore, teacher: Teacher, req: Pick<KbImportRequest, 'format' | 'content' | 'file' | 'replace'>): Promise<ImportCounts> {
  const incoming = parseKbFiles(filesOf(req));
  if (incoming.length === 0) {
    throw new ChatError('INVALID_ARGUMENT', 'the import holds no entries (## headings in .md files)', { issues: [{ location: 'body', path: 'content', message: 'content: has no ## entries' }] });
  }
  return importEntries(core, teacher, incoming, req.replace === true);
}

/** {@link importKnowledge} of entries already parsed (a KB_DIR read on SIGHUP, an upload). */
export async function importEntries(core: ServiceCore, teacher: Teacher, incoming: readonly KbFileEntry[], replace: boolean): Promise<ImportCounts> {
  const records = await core.store.kbRecords();
  const live = new Map(records.filter(isLiveEntry).map((r) => [`${r.file}\n${r.title}`, r]));
  const known = new Map(records.map((r) => [r.id, r]));
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  const seen = new Set<string>();
  for (const e of incoming) {
    const key = `${e.file}\n${e.title}`;
    seen.add(key);
    const base = live.get(key);
    if (base) {
      if (base.body === e.body && base.topic === e.topic && base.rank === e.rank) counts.unchanged++;
      else {
        await saveVersion(core, teacher, base, { ...base, body: e.body, topic: e.topic, rank: e.rank });
        counts.updated++;
      }
      continue;
    }
    let id = seededId(e.file, e.rank);
    // An id in use (or a deleted entry's history) is not reused for a different entry.
    for (let n = 2; known.has(id); n++) id = `${seededId(e.file, e.rank)}-${n}`;
    const created = await saveVersion(core, teacher, undefined, { id, ...e, tags: [], enabled: true, deleted: false });
    known.set(id, created);
    counts.created++;
  }
  if (replace) {
    for (const [key, r] of live) {
      if (seen.has(key)) continue;
      await saveVersion(core, teacher, r, { ...r, deleted: true });
      counts.deleted++;
    }
  }
  return counts;
}

/** The synonyms list, version 0 while never written. */
export async function synonyms(core: ServiceCore): Promise<KbRecord | undefined> {
  return core.store.kbRecord(SYNONYMS_ID);
}

/** Replaces the synonyms list (the previous version stays). */
export async function saveSynonyms(core: ServiceCore, teacher: Teacher, text: string, version?: number): Promise<KbRecord> {
  const base = await synonyms(core);
  if (version !== undefined && version !== (base?.version ?? 0)) {
    throw new ChatError('VERSION_CONFLICT', `the synonyms list is at version ${base?.version ?? 0}, not ${version}; reload it and edit again`);
  }
  return saveVersion(core, teacher, base, { id: SYNONYMS_ID, title: 'synonyms', body: text, tags: [], enabled: true, topic: '', file: 'synonyms.txt', rank: 0, deleted: false });
}
