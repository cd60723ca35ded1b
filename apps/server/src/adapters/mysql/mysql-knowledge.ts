import type { KbRecord } from '../../ports/knowledge-store.js';
import { kbDoc, kbRecordFromRow, type KbRow } from '../kb-record-row.js';
import type { MysqlDb } from './mysql-pool.js';

/** The knowledge-base table: every version a row, the newest per id is the entry. */
export const KB = 'mpchat_kb_versions';

/** Schema version 5: the knowledge base. The primary key turns a racing second write of one version into a conflict. */
export const MYSQL_KNOWLEDGE_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS mpchat_kb_versions (
    id       VARCHAR(100) NOT NULL,
    version  INT NOT NULL,
    doc      MEDIUMTEXT NOT NULL,
    PRIMARY KEY (id, version)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
];

/** The knowledge-base role of the MySQL store. */
export class MysqlKnowledge {
  constructor(private readonly db: MysqlDb) {}

  async records(): Promise<KbRecord[]> {
    const rows = await this.db.query<KbRow[]>(
      `SELECT v.* FROM ${KB} v JOIN (SELECT id, MAX(version) AS top FROM ${KB} GROUP BY id) n ON n.id = v.id AND n.top = v.version ORDER BY v.id`,
    );
    return rows.map(kbRecordFromRow);
  }

  async record(id: string): Promise<KbRecord | undefined> {
    const [row] = await this.db.query<KbRow[]>(`SELECT * FROM ${KB} WHERE id = ? ORDER BY version DESC LIMIT 1`, [id]);
    return row && kbRecordFromRow(row);
  }

  async history(id: string): Promise<KbRecord[]> {
    return (await this.db.query<KbRow[]>(`SELECT * FROM ${KB} WHERE id = ? ORDER BY version DESC`, [id])).map(kbRecordFromRow);
  }

  /** Compare-and-set: the newest version must be `version - 1`; a racing writer of the same version hits the primary key. */
  save(r: KbRecord): Promise<boolean> {
    return this.db.transaction(async (run) => {
      const [top] = await run<{ v: number | null }[]>(`SELECT MAX(version) AS v FROM ${KB} WHERE id = ? FOR UPDATE`, [r.id]);
      if (r.version !== Number(top?.v ?? 0) + 1) return false;
      const res = await run<{ affectedRows: number }>(`INSERT IGNORE INTO ${KB} (id, version, doc) VALUES (?, ?, ?)`, [r.id, r.version, kbDoc(r)]);
      return res.affectedRows === 1;
    });
  }
}
