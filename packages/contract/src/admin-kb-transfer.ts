import { z } from 'zod';
import { isoTimeSchema, okEnvelope } from './admin-query.js';
import { OBJECT_ERROR, stringError } from './fields.js';

/** `GET /admin/kb/export` query: `zip` (one Markdown file per topic file, the KB_DIR layout) or `markdown` (one file). */
export const kbExportQuerySchema = z.object({ format: z.enum(['zip', 'markdown'], { error: 'must be zip or markdown' }).optional().meta({ description: 'zip (default) or markdown' }) }, { error: OBJECT_ERROR });
/** The export query as a client writes it. */
export type KbExportQuery = z.input<typeof kbExportQuerySchema>;

/** Largest import, in characters of `content`. */
export const MAX_KB_IMPORT = 8 * 1024 * 1024;

/**
 * `POST /admin/kb/import` body: a Markdown file (`content` is its text) or a zip of Markdown files
 * (`content` is the zip, base64), in the KB_DIR format. Entries are matched by file and title:
 * changed ones get a new version, new ones are created; with `replace`, entries the import does
 * not hold are deleted (their history stays).
 */
export const kbImportRequestSchema = z.object(
  {
    format: z.enum(['markdown', 'zip'], { error: 'must be markdown or zip' }),
    content: z.string({ error: stringError }).min(1).max(MAX_KB_IMPORT, { error: `must be at most ${MAX_KB_IMPORT} characters` }),
    file: z.string({ error: stringError }).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}\.md$/, { error: 'must be a file name ending in .md' }).optional().meta({ description: 'For markdown: the file name (default imported.md)' }),
    replace: z.boolean({ error: 'must be true or false' }).optional(),
  },
  { error: OBJECT_ERROR },
);
/** `POST /admin/kb/import` body. */
export type KbImportRequest = z.input<typeof kbImportRequestSchema>;

/** `POST /admin/kb/import` answer: what changed. */
export const kbImportResponseSchema = okEnvelope(z.object({ created: z.int(), updated: z.int(), unchanged: z.int(), deleted: z.int() }));
/** `POST /admin/kb/import` answer. */
export type KbImportResponse = z.infer<typeof kbImportResponseSchema>;

/** The synonyms list (`synonyms.txt` format: one group of equivalent words a line), versioned like entries. */
export const kbSynonymsSchema = z.object({
  text: z.string(),
  version: z.int().min(0).meta({ description: '0 while never written' }),
  updatedBy: z.string(),
  updatedAt: isoTimeSchema.nullable(),
});
/** The synonyms list. */
export type KbSynonyms = z.infer<typeof kbSynonymsSchema>;

/** `PUT /admin/kb/synonyms` body. */
export const kbSynonymsUpdateSchema = z.object(
  {
    text: z.string({ error: stringError }).max(200_000, { error: 'must be at most 200000 characters' }),
    version: z.int({ error: 'must be an integer' }).min(0).optional().meta({ description: 'The version this edit is based on; a newer stored one answers 409 VERSION_CONFLICT' }),
  },
  { error: OBJECT_ERROR },
);
/** `PUT /admin/kb/synonyms` body. */
export type KbSynonymsUpdate = z.input<typeof kbSynonymsUpdateSchema>;

/** `GET|PUT /admin/kb/synonyms` answer. */
export const kbSynonymsResponseSchema = okEnvelope(z.object({ synonyms: kbSynonymsSchema }));
/** `GET /admin/kb/synonyms/versions` answer, newest first. */
export const kbSynonymsVersionsResponseSchema = okEnvelope(z.object({ items: z.array(kbSynonymsSchema) }));
