import { toFieldIssues, type FieldLocation } from '@mpchat/contract';
import type { z } from 'zod';
import { ChatError } from '../errors/chat-error.js';

/**
 * Validates input with a contract schema. On failure throws INVALID_ARGUMENT whose message and
 * `issues` name every bad field and where it was (body or query).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, location: FieldLocation): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw invalidArgument(r.error, location);
}

/**
 * The INVALID_ARGUMENT a schema's refusal answers with, whatever the transport (HTTP body or
 * query, WebSocket frame): the message lists every bad field, `issues` say which and where.
 */
export function invalidArgument(error: z.ZodError, location: FieldLocation): ChatError {
  const issues = toFieldIssues(error, location);
  return new ChatError('INVALID_ARGUMENT', `invalid ${location}: ${issues.map((i) => i.message).join('; ')}`, { issues });
}
