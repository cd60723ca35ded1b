import { z } from 'zod';
import { intQuerySchema, stringError } from './fields.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A point in time given as query text: an ISO 8601 date (UTC midnight) or date-time. Parsing
 * answers milliseconds since the epoch.
 */
export function isoTimeQuery(description: string) {
  return z
    .string({ error: stringError })
    .refine((s) => ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s)), {
      error: 'must be an ISO 8601 date or date-time such as 2026-12-01 or 2026-12-01T08:00:00Z',
    })
    .transform((s) => Date.parse(s))
    .meta({ description });
}

/** `from` / `to`: the half-open time range [from, to) a teacher's list or report covers. */
export const timeRangeQuery = {
  from: isoTimeQuery('Only items at or after this ISO 8601 date or date-time (a date alone is UTC midnight)').optional(),
  to: isoTimeQuery('Only items before this ISO 8601 date or date-time').optional(),
};

/** An opaque paging cursor the previous page answered as `nextCursor`. */
export const cursorQuerySchema = z
  .string({ error: stringError })
  .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: 'must be the nextCursor of a previous page' })
  .meta({ description: 'The nextCursor of the previous page; omit for the first page' });

/** Most items one page of an admin list holds. */
export const MAX_ADMIN_PAGE = 200;

/** `limit`: page size, 1-200 (default 50). */
export const pageLimitQuerySchema = intQuerySchema(1, MAX_ADMIN_PAGE).meta({ description: `Page size, 1-${MAX_ADMIN_PAGE} (default 50)` });

/**
 * A student as teachers see them: a stable short keyed hash of the student's identity (16 hex
 * digits). The same student always has the same pseudonym; it cannot be turned back into the
 * openid or address without the server's secret.
 */
export const pseudonymSchema = z
  .string({ error: stringError })
  .regex(/^[0-9a-f]{16}$/, { error: 'must be a student pseudonym (16 hexadecimal digits)' })
  .meta({ description: 'Student pseudonym: a keyed hash of the identity, never the openid itself', examples: ['3f9a0c1d2e4b5a69'] });

/** An ISO 8601 UTC date-time in a response. */
export const isoTimeSchema = z.string().meta({ description: 'ISO 8601 UTC date-time', format: 'date-time' });

/** The `data` of one page of a list: its items and the cursor of the next page (null on the last). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  });
}

/** A success envelope around `data`. */
export function okEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ code: z.literal(200), message: z.string(), data });
}
