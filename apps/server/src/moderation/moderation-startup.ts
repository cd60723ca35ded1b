import { accessSync, constants } from 'node:fs';
import type { FilterName } from './filter-names.js';

/** The settings {@link moderationStartupIssues} looks at. */
interface ModerationStartupSettings {
  MODERATION: readonly FilterName[];
  MODERATION_WORDS_FILE?: string | undefined;
  WX_APPID?: string | undefined;
  WX_SECRET?: string | undefined;
}

/**
 * The cross-field checks of the moderation settings, run when the configuration is read so a
 * server never starts with a filter it cannot run: `words` needs a readable
 * `MODERATION_WORDS_FILE`; `wechat` needs `WX_APPID` and `WX_SECRET`.
 */
export function moderationStartupIssues(c: ModerationStartupSettings): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if (c.MODERATION.includes('words')) {
    if (!c.MODERATION_WORDS_FILE) {
      issues.push({ path: ['MODERATION_WORDS_FILE'], message: 'is required with MODERATION=words (a UTF-8 file, one term a line)' });
    } else {
      try {
        accessSync(c.MODERATION_WORDS_FILE, constants.R_OK);
      } catch {
        issues.push({ path: ['MODERATION_WORDS_FILE'], message: `cannot be read: ${c.MODERATION_WORDS_FILE}` });
      }
    }
  }
  if (c.MODERATION.includes('wechat')) {
    for (const key of ['WX_APPID', 'WX_SECRET'] as const) {
      if (!c[key]) issues.push({ path: [key], message: 'is required with MODERATION=wechat (微信公众平台 → 开发管理 → 开发设置)' });
    }
  }
  return issues;
}
