import type { Composer } from 'vue-i18n';
import { ApiError } from './api-error.js';

type Translate = Composer['t'];

/**
 * A readable sentence for a failed call: the console's own words for the error code, then what the
 * server said (the fields of a 400, or its message), then the request id to quote.
 */
export function errorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return `${t('errors.other')}: ${error instanceof Error ? error.message : String(error)}`;
  const known = `errors.${error.code}`;
  const ours = t(known) === known ? t('errors.other') : t(known);
  const detail = error.issues.length > 0 ? error.issues.map((i) => i.message).join('; ') : error.code === 'NETWORK' ? '' : error.message;
  const id = error.requestId ? ` (${t('common.requestId')} ${error.requestId})` : '';
  return detail ? `${ours} — ${detail}${id}` : `${ours}${id}`;
}
