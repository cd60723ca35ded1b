import type Database from 'better-sqlite3';
import type { KbRecord } from '../../ports/knowledge-store.js';
import { kbDoc, kbRecordFromRow, type KbRow } from '../kb-record-row.js';

/**
 * Schema version 5: the knowledge base. Every version is a row; the newest per id is the entry.
 * The primary key makes a racing second write of the same version fail (compare-and-set).
 */
export const SQLITE_KNOWLEDGE_SQL = `
CREATE TABLE IF NOT EXISTS kb_versions (
  id       TEXT NOT NULL,
  version  INTEGER NOT NULL,
  doc      TEXT NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;
`;

/** The knowledge-base role of the SQLite store. */
export class SqliteKnowledge {
  private readonly q;
  private readonly saveTx;

  constructor(db: Database.Database) {
    this.q = {
      newest: db.prepare<[], KbRow>('SELECT v.* FROM kb_versions v WHERE v.version = (SELECT MAX(version) FROM kb_versions w WHERE w.id = v.id) ORDER BY v.id'),
      one: db.prepare<[string], KbRow>('SELECT * FROM kb_versions WHERE id = ? ORDER BY version DESC LIMIT 1'),
      history: db.prepare<[string], KbRow>('SELECT * FROM kb_versions WHERE id = ? ORDER BY version DESC'),
      top: db.prepare<[string], { v: number | null }>('SELECT MAX(version) AS v FROM kb_versions WHERE id = ?'),
      insert: db.prepare<[string, number, string]>('INSERT INTO kb_versions (id, version, doc) VALUES (?, ?, ?)'),
    };
    this.saveTx = db.transaction((r: KbRecord): boolean => {
      if (r.version !== (this.q.top.get(r.id)?.v ?? 0) + 1) return false;
      this.q.insert.run(r.id, r.version, kbDoc(r));
      return true;
    });
  }

  records(): KbRecord[] {
    return this.q.newest.all().map(kbRecordFromRow);
  }

  record(id: string): KbRecord | undefined {
    const r = this.q.one.get(id);
    return r && kbRecordFromRow(r);
  }

  history(id: string): KbRecord[] {
    return this.q.history.all(id).map(kbRecordFromRow);
  }

  save(record: KbRecord): boolean {
    return this.saveTx.immediate(record);
  }
}
