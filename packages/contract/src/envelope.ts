import { z } from 'zod';
import { ERROR_CODES } from './errors.js';

/** Where an invalid field was found. */
export const fieldLocationSchema = z.enum(['body', 'query', 'path', 'frame']);
/** Where an invalid field was found. */
export type FieldLocation = z.infer<typeof fieldLocationSchema>;

/** One invalid field: where it is, its path (e.g. `sessionId`), and what is wrong with it. */
export const fieldIssueSchema = z.object({
  location: fieldLocationSchema,
  path: z.string().meta({ description: 'Dotted path of the field, empty for the whole body' }),
  message: z.string().meta({ description: 'Human-readable, names the field' }),
});
/** One invalid field. */
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The closed set of error codes as a schema. */
export const errorCodeSchema = z.enum(ERROR_CODES).meta({ description: 'Stable machine-readable error code' });

/**
 * Fields every error answer carries on top of the spec's `{code, message}`. `data` is `{}` as the
 * spec asks of a failed receive; send and destroy carry it too, so one shape fits all.
 */
export const errorEnvelopeSchema = z.object({
  code: z.int().min(400).max(599).meta({ description: 'Same number as the HTTP status' }),
  message: z.string(),
  data: z.object({}).strict(),
  error: errorCodeSchema,
  retryable: z.boolean().meta({ description: 'Whether repeating the same request may succeed' }),
  issues: z.array(fieldIssueSchema).optional().meta({ description: 'Present for INVALID_ARGUMENT' }),
  requestId: z.string().optional().meta({ description: 'Quote it when reporting a problem (also in the X-Request-Id header)' }),
  retryAfterMs: z.int().min(0).optional().meta({ description: 'For retryable errors: when to try again' }),
  seq: z.int().min(1).optional().meta({ description: 'On receive: the turn whose reply failed' }),
});
/** An error answer. */
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Converts zod issues to {@link FieldIssue}s whose message always names the field. */
export function toFieldIssues(error: z.ZodError, location: FieldLocation): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const message = path ? `${path}: ${issue.message}` : issue.message;
    return { location, path, message };
  });
}
