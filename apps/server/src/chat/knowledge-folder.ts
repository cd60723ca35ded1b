import { importEntries, saveSynonyms, synonyms, type ImportCounts } from './kb-transfer.js';
import type { KnowledgeSync } from './knowledge-sync.js';
import type { ChatServiceDeps, ServiceCore } from './service-core.js';

/**
 * SIGHUP: imports KB_DIR into the store, as `POST /admin/kb/import` would (recorded as by
 * "KB_DIR"): an entry whose text differs from its file gets a new version from the file, a new
 * heading becomes a new entry, nothing is deleted, and a changed `synonyms.txt` becomes the
 * synonyms list; every instance then uses the result. An edit made in the console to an entry
 * that is also in the folder is replaced by the file's text (it stays in the entry's history,
 * where it can be restored). Undefined when the server has no KB_DIR.
 */
export async function reloadKnowledgeFolder(
  core: ServiceCore,
  knowledge: KnowledgeSync,
  seedKnowledge: ChatServiceDeps['seedKnowledge'],
  seedSynonyms: ChatServiceDeps['seedSynonyms'],
): Promise<ImportCounts | undefined> {
  if (!seedKnowledge) return undefined;
  const folder = { name: 'KB_DIR' };
  const counts = await importEntries(core, folder, await seedKnowledge(), false);
  const text = await seedSynonyms?.();
  if (text !== undefined && text !== (await synonyms(core))?.body) await saveSynonyms(core, folder, text);
  await knowledge.changed();
  return counts;
}
