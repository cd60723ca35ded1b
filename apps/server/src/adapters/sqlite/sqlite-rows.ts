import type { Turn } from '../../ports/store.js';
import { sessionFromRow, turnFromRow, type TurnRowBase } from '../relational-rows.js';

export type { SessionRow } from '../relational-rows.js';

/** A row of the `turns` table (the client timestamp in `timestamp`). */
export interface TurnRow extends TurnRowBase {
  timestamp: string;
}

/** A turn row as the port's Turn. */
export const toTurn = (r: TurnRow): Turn => turnFromRow(r, r.timestamp);

/** A session row as the port's SessionRecord. */
export const toSession = sessionFromRow;
