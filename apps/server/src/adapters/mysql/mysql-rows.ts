import type { Turn } from '../../ports/store.js';
import { sessionFromRow, turnFromRow, type TurnRowBase } from '../relational-rows.js';

export type { SessionRow } from '../relational-rows.js';

/** A row of `mpchat_turns` (the client timestamp in `ts`: `timestamp` is a type name in MySQL). */
export interface TurnRow extends TurnRowBase {
  ts: string;
}

/** The row as a port {@link Turn}. */
export const toTurn = (r: TurnRow): Turn => turnFromRow(r, r.ts);

/** The row as a port SessionRecord. */
export const toSession = sessionFromRow;
