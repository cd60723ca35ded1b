import { z } from 'zod';
import { durationSchema } from './duration.js';

/** A teacher's admin token, with the name every knowledge-base change records. */
export interface AdminTokenEntry {
  name: string;
  token: string;
}

const MIN_TOKEN = 16;

/** `ADMIN_TOKENS`: `name:token,name:token`; names are letters, digits, `.`, `_`, `-`; tokens at least 16 characters. */
const adminTokensSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const out: AdminTokenEntry[] = [];
    for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
      const m = /^([\p{L}\p{N}._-]{1,40}):(\S+)$/u.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'must be name:token pairs separated by commas (e.g. wang:3f9a…,li:8c2e…)' });
        return z.NEVER;
      }
      if (m[2]!.length < MIN_TOKEN) {
        ctx.addIssue({ code: 'custom', message: `the token of ${m[1]} must be at least ${MIN_TOKEN} characters (e.g. openssl rand -hex 16)` });
        return z.NEVER;
      }
      if (out.some((e) => e.name === m[1] || e.token === m[2])) {
        ctx.addIssue({ code: 'custom', message: `names and tokens must be unique (${m[1]} repeats one)` });
        return z.NEVER;
      }
      out.push({ name: m[1]!, token: m[2]! });
    }
    return out;
  });

/**
 * The teachers' side: who may use `/admin` (ADMIN_TOKENS, or the single unnamed ADMIN_TOKEN), how
 * long conversations are kept (TRANSCRIPT_RETENTION; RETAIN_TRANSCRIPTS is its older boolean
 * alias), and the key of the students' pseudonyms.
 */
export const teacherSettings = {
  ADMIN_TOKEN: z.string().min(MIN_TOKEN, { error: `must be at least ${MIN_TOKEN} characters (e.g. openssl rand -hex 16)` }).optional(),
  ADMIN_TOKENS: adminTokensSchema.optional(),
  TRANSCRIPT_RETENTION: durationSchema('s').optional(),
  RETAIN_TRANSCRIPTS: z.string().trim().pipe(z.stringbool({ error: 'must be true or false' })).optional(),
  PSEUDONYM_KEY: z.string().min(MIN_TOKEN, { error: `must be at least ${MIN_TOKEN} characters, the same on every instance` }).optional(),
};

/** Default TRANSCRIPT_RETENTION: 180 days, one term and its exams. */
export const DEFAULT_TRANSCRIPT_RETENTION_MS = 180 * 86_400_000;

/**
 * How long closed conversations keep their turns (0: deleted at close). TRANSCRIPT_RETENTION wins;
 * without it the alias RETAIN_TRANSCRIPTS=false means 0 and =true the default.
 */
export function transcriptRetentionMs(c: { TRANSCRIPT_RETENTION?: number | undefined; RETAIN_TRANSCRIPTS?: boolean | undefined }): number {
  if (c.TRANSCRIPT_RETENTION !== undefined) return c.TRANSCRIPT_RETENTION;
  return c.RETAIN_TRANSCRIPTS === false ? 0 : DEFAULT_TRANSCRIPT_RETENTION_MS;
}

/** Every admin token: the named ones, then ADMIN_TOKEN as `admin`. */
export function adminTokensOf(c: { ADMIN_TOKEN?: string | undefined; ADMIN_TOKENS?: AdminTokenEntry[] | undefined }): AdminTokenEntry[] {
  return [...(c.ADMIN_TOKENS ?? []), ...(c.ADMIN_TOKEN ? [{ name: 'admin', token: c.ADMIN_TOKEN }] : [])];
}
