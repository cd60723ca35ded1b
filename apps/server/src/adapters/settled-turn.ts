import type { Settlement, Turn } from '../ports/store.js';

/** The fields of a turn that a settlement decides, as every store stores and reads them back. */
export type SettledFields = Pick<
  Turn,
  'status' | 'reply' | 'replyTimestamp' | 'errorCode' | 'errorMessage' | 'sources' | 'suggestions' | 'matched' | 'author' | 'settledAt'
>;

/**
 * What `s` makes of a turn. Unsaid parts read back alike in every store: no error, no sources,
 * `matched` and `settledAt` null, and `author` left out for the engine (only a teacher is named),
 * so a record written by an older version reads the same as one the engine settled.
 */
export function settledFields(s: Settlement): SettledFields {
  return {
    status: s.status,
    reply: s.reply,
    replyTimestamp: s.replyTimestamp,
    errorCode: s.errorCode ?? null,
    errorMessage: s.errorMessage ?? null,
    sources: [...(s.sources ?? [])],
    suggestions: [...(s.suggestions ?? [])],
    matched: s.matched ?? null,
    ...(s.author === 'teacher' ? { author: 'teacher' as const } : {}),
    settledAt: s.settledAt ?? null,
  };
}
