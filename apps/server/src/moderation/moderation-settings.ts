import { z } from 'zod';
import type { ModerationDirection } from '../ports/content-filter.js';
import { DEFAULT_ON_ERROR, type OnError } from './filter-chain.js';
import { FILTER_NAMES } from './filter-names.js';

const onErrorValue = z.enum(['allow', 'block']);

/**
 * `MODERATION_ON_ERROR`: `allow` or `block` for both directions, or per direction as
 * `input=allow,output=block` (the default: see {@link DEFAULT_ON_ERROR}).
 */
export const onErrorSchema = z
  .string()
  .trim()
  .transform((text, ctx): Record<ModerationDirection, OnError> => {
    const both = onErrorValue.safeParse(text);
    if (both.success) return { input: both.data, output: both.data };
    const out = { ...DEFAULT_ON_ERROR };
    for (const part of text.split(',')) {
      const m = /^\s*(input|output)\s*=\s*(allow|block)\s*$/.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'must be allow, block, or input=allow|block,output=allow|block' });
        return z.NEVER;
      }
      out[m[1] as ModerationDirection] = m[2] as OnError;
    }
    return out;
  });

/**
 * The moderation settings as a zod fragment for the config schema. `words` needs
 * `MODERATION_WORDS_FILE`; `wechat` needs `WX_APPID`/`WX_SECRET` (the integrator's cross-field
 * checks say so at startup).
 */
export const moderationSettings = {
  /** Filters to run, in order: comma list of `words`, `wechat`; or `none` (default). */
  MODERATION: z
    .string()
    .trim()
    .transform((s) => s.split(',').map((p) => p.trim()).filter((p) => p !== '' && p !== 'none'))
    .pipe(z.array(z.enum(FILTER_NAMES, { error: `must be none or a comma list of ${FILTER_NAMES.join(', ')}` })))
    .default([]),
  /** One term a line, UTF-8; `#` starts a comment line. Reloaded on SIGHUP. */
  MODERATION_WORDS_FILE: z.string().min(1).optional(),
  MODERATION_ON_ERROR: onErrorSchema.default(DEFAULT_ON_ERROR),
  /** What WeChat's `suggest: review` does: `block` (default: nobody reviews a live chat) or `pass`. */
  MODERATION_WECHAT_REVIEW: z.enum(['pass', 'block'], { error: 'must be pass or block' }).default('block'),
  /** The reply shown instead of a blocked one. */
  MODERATION_BLOCKED_REPLY: z.string().min(1).default('抱歉，这个问题我暂时无法回答。'),
  /** The message of a rejected user message (422 CONTENT_REJECTED). */
  MODERATION_REJECTED_MESSAGE: z.string().min(1).default('消息中含有不适宜的内容，请修改后再发送。'),
};
