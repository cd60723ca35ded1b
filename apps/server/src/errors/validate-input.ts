import { toFieldIssues, type FieldLocation } from '@mpchat/contract';
import type { z } from 'zod';
import { ChatError } from './chat-error.js';

/**
 * Validates input with a contract schema. On failure throws INVALID_ARGUMENT whose message and
 * `issues` name every bad field and where it was (body or query).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, location: FieldLocation): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = toFieldIssues(r.error, location);
  throw new ChatError('INVALID_ARGUMENT', `invalid ${location}: ${issues.map((i) => i.message).join('; ')}`, { issues });
}
