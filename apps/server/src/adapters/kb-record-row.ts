import type { KbRecord } from '../ports/knowledge-store.js';

// One knowledge-base version as a row of the relational stores (SQLite, MySQL) and as the JSON the
// Redis store keeps. The entry's fields live in one JSON `doc` column: the teachers' API may grow a
// field without a migration, and only id and version are ever queried.

/** A `kb_versions` row. */
export interface KbRow {
  id: string;
  version: number | string;
  doc: string;
}

/** The JSON document of a version (everything but id and version). */
export function kbDoc(r: KbRecord): string {
  const { id: _id, version: _version, ...doc } = r;
  return JSON.stringify(doc);
}

/** A row (or Redis value) back into a record; fields a newer writer added are ignored. */
export function kbRecordFromRow(row: KbRow): KbRecord {
  const d = JSON.parse(row.doc) as Partial<KbRecord>;
  return {
    id: row.id,
    version: Number(row.version),
    title: d.title ?? '',
    body: d.body ?? '',
    tags: d.tags ?? [],
    enabled: d.enabled ?? true,
    topic: d.topic ?? '',
    file: d.file ?? '',
    rank: d.rank ?? 0,
    deleted: d.deleted ?? false,
    updatedBy: d.updatedBy ?? '',
    updatedAt: d.updatedAt ?? 0,
  };
}
