import { ChatError } from '../errors/chat-error.js';

/** Writes a list position as the opaque `nextCursor` a teacher's client passes back. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

const badCursor = () =>
  new ChatError('INVALID_ARGUMENT', 'cursor is not a nextCursor of this list; start again without it', {
    issues: [{ location: 'query', path: 'cursor', message: 'cursor must be the nextCursor of a previous page of this list' }],
  });

/**
 * Reads a cursor written by {@link encodeCursor} as `[time, id]` (a keyset: ms since epoch and a
 * tie-breaking id). Anything else is a clear 400, never a crash: cursors come from clients.
 */
export function decodeTimeCursor(cursor: string | undefined): { at: number; id: string } | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length !== 2 || !Number.isSafeInteger(value[0]) || typeof value[1] !== 'string' || value[1].length > 200) throw badCursor();
  return { at: value[0] as number, id: value[1] as string };
}
