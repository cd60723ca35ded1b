import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import { validate } from '../errors/validate-input.js';
import type { HttpContext } from './http-state.js';

const MAX_QUERIES = 10_000;
const memos = new WeakMap<z.ZodType, LRUCache<string, object>>();

/**
 * The query validated by `schema`, remembered by its raw query string: a client polling receive
 * sends the same query string every second, and the same string always parses and validates to
 * the same output. Only valid queries are remembered (a bad one is validated again, so its error is
 * the one `validate` writes); the output is frozen, as it is shared by every request with that string.
 */
export function validQuery(schema: z.ZodType, ctx: HttpContext): unknown {
  let memo = memos.get(schema);
  if (!memo) memos.set(schema, (memo = new LRUCache({ max: MAX_QUERIES })));
  const raw = ctx.querystring;
  let query = memo.get(raw);
  if (query === undefined) {
    query = Object.freeze(validate(schema, ctx.query, 'query') as object);
    memo.set(raw, query);
  }
  return query;
}
