/** Settings whose value is a secret: an error names their length, never their text. */
export const SECRET_SETTINGS: ReadonlySet<string> = new Set(['AUTH_SECRET', 'AUTH_SECRET_PREVIOUS', 'ADMIN_TOKEN', 'WX_SECRET', 'LLM_API_KEY', 'METRICS_TOKEN']);

// URLs that may carry a password in their user-info part (mysql://user:pass@host/db).
const URL_SETTINGS: ReadonlySet<string> = new Set(['MYSQL_URL', 'REDIS_URL']);

/**
 * How a bad value is quoted in a configuration error: as given, but a secret only by its length
 * and a URL with its password masked, so an error pasted into a chat or a ticket leaks nothing.
 *
 * @example
 * shownValue('ADMIN_TOKEN', 'short') // 'a value of 5 characters'
 */
export function shownValue(key: string, value: string): string {
  if (SECRET_SETTINGS.has(key)) return `a value of ${[...value].length} characters`;
  if (URL_SETTINGS.has(key)) return JSON.stringify(value.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@'));
  return JSON.stringify(value);
}
