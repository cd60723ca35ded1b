import { z } from 'zod';
import { cursorQuerySchema, isoTimeSchema, okEnvelope, pageLimitQuerySchema, pageSchema } from './admin-query.js';
import { OBJECT_ERROR, stringError } from './fields.js';

/** Longest knowledge-base entry title, in characters. */
export const MAX_KB_TITLE = 200;
/** Longest knowledge-base entry body (Markdown), in characters. */
export const MAX_KB_BODY = 20_000;

/** A knowledge-base entry id: letters, digits, `-` and `_` (the seeded ones are `<file>-<n>`, e.g. `05-bgp-3`). */
export const kbEntryIdSchema = z
  .string({ error: stringError })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be an entry id (letters, digits, - and _)' })
  .meta({ description: 'Knowledge-base entry id', examples: ['05-bgp-3'] });

const tagSchema = z.string({ error: stringError }).trim().min(1, { error: 'must not be empty' }).max(40, { error: 'must be at most 40 characters' });

/**
 * What a teacher writes: the title (phrased the way students ask), the Markdown body, tags, whether
 * the engine may use it, and where it lives in the Markdown export (`topic`: the file's `# ` title,
 * `file`: its file name).
 */
export const kbEntryWriteSchema = z.object(
  {
    title: z.string({ error: stringError }).trim().min(1, { error: 'must not be empty' }).max(MAX_KB_TITLE, { error: `must be at most ${MAX_KB_TITLE} characters` }),
    body: z.string({ error: stringError }).max(MAX_KB_BODY, { error: `must be at most ${MAX_KB_BODY} characters` }).meta({ description: 'Markdown' }),
    tags: z.array(tagSchema, { error: 'must be an array of strings' }).max(20, { error: 'must have at most 20 tags' }).optional(),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
    topic: z.string({ error: stringError }).trim().min(1).max(MAX_KB_TITLE).optional().meta({ description: 'Topic (the export file\'s # title); default 教师补充' }),
    file: z
      .string({ error: stringError })
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}\.md$/, { error: 'must be a file name ending in .md' })
      .optional()
      .meta({ description: 'File of the Markdown export; default teacher-answers.md' }),
  },
  { error: OBJECT_ERROR },
);
/** A new or edited entry as a client writes it. */
export type KbEntryWrite = z.input<typeof kbEntryWriteSchema>;

/** `PUT /admin/kb/entries/{id}` body: the full entry, and optionally the version it was based on. */
export const kbEntryUpdateSchema = kbEntryWriteSchema.extend({
  version: z
    .int({ error: 'must be an integer' })
    .min(1)
    .optional()
    .meta({ description: 'The version this edit is based on; a newer stored version answers 409 VERSION_CONFLICT' }),
});
/** `PUT /admin/kb/entries/{id}` body. */
export type KbEntryUpdate = z.input<typeof kbEntryUpdateSchema>;

/** A stored entry. */
export const kbEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  enabled: z.boolean(),
  topic: z.string(),
  file: z.string(),
  version: z.int().min(1),
  updatedBy: z.string().meta({ description: 'Name of the teacher (ADMIN_TOKENS name) who made this version; `seed` for KB_DIR' }),
  updatedAt: isoTimeSchema,
});
/** A stored entry. */
export type KbEntry = z.infer<typeof kbEntrySchema>;

/** One version in an entry's history; `deleted` marks the version that deleted it. */
export const kbEntryVersionSchema = kbEntrySchema.extend({ deleted: z.boolean() });
/** One version in an entry's history. */
export type KbEntryVersion = z.infer<typeof kbEntryVersionSchema>;

/** Path of the entry routes. */
export const kbEntryParamsSchema = z.object({ id: kbEntryIdSchema });

/** `GET /admin/kb/entries` query: text in title or body, one tag, the page. */
export const kbEntriesQuerySchema = z.object(
  {
    q: z.string({ error: stringError }).min(1).max(200).optional().meta({ description: 'Text to find in the title or body' }),
    tag: z.string({ error: stringError }).min(1).max(40).optional(),
    cursor: cursorQuerySchema.optional(),
    limit: pageLimitQuerySchema.optional(),
  },
  { error: OBJECT_ERROR },
);
/** The entries query as a client writes it. */
export type KbEntriesQuery = z.input<typeof kbEntriesQuerySchema>;

/** `GET /admin/kb/entries` answer, ordered by file then position. */
export const kbEntriesResponseSchema = okEnvelope(pageSchema(kbEntrySchema));
/** One entry in an envelope (create, read, update, revert). */
export const kbEntryResponseSchema = okEnvelope(z.object({ entry: kbEntrySchema }));
/** One entry in an envelope. */
export type KbEntryResponse = z.infer<typeof kbEntryResponseSchema>;
/** `DELETE /admin/kb/entries/{id}` answer: the version that records the deletion (revert restores it). */
export const kbEntryDeleteResponseSchema = okEnvelope(z.object({ id: z.string(), deleted: z.literal(true), version: z.int().min(1) }));
/** `GET /admin/kb/entries/{id}/versions` answer, newest first. */
export const kbEntryVersionsResponseSchema = okEnvelope(z.object({ items: z.array(kbEntryVersionSchema) }));
/** `GET /admin/kb/entries/{id}/versions` answer. */
export type KbEntryVersionsResponse = z.infer<typeof kbEntryVersionsResponseSchema>;

/** `POST /admin/kb/entries/{id}/revert` body: the version to bring back (as a new version). */
export const kbRevertRequestSchema = z.object({ version: z.int({ error: 'must be an integer' }).min(1, { error: 'must be at least 1' }) }, { error: OBJECT_ERROR });
/** `POST /admin/kb/entries/{id}/revert` body. */
export type KbRevertRequest = z.input<typeof kbRevertRequestSchema>;

/** `POST /admin/kb/search` body: the hit test. */
export const kbSearchRequestSchema = z.object(
  {
    question: z.string({ error: stringError }).trim().min(1, { error: 'must not be empty' }).max(2000, { error: 'must be at most 2000 characters' }),
    limit: z.int({ error: 'must be an integer' }).min(1).max(20).optional().meta({ description: 'How many ranked entries (default 5)' }),
  },
  { error: OBJECT_ERROR },
);
/** `POST /admin/kb/search` body. */
export type KbSearchRequest = z.input<typeof kbSearchRequestSchema>;

/** `POST /admin/kb/search` answer: the ranked entries with scores, and whether the engine would answer from them. */
export const kbSearchResponseSchema = okEnvelope(
  z.object({
    matched: z.boolean().meta({ description: 'Whether the engine would answer from the knowledge base (else it says it has no answer)' }),
    hits: z.array(z.object({ id: z.string(), title: z.string(), topic: z.string(), score: z.number() })),
  }),
);
/** `POST /admin/kb/search` answer. */
export type KbSearchResponse = z.infer<typeof kbSearchResponseSchema>;
