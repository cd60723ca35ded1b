import { MINUTE_SCALE_DURATIONS } from './duration.js';

/** Levenshtein distance (insert, delete, substitute), for "did you mean". */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

// Short names are a couple of letters from each other by chance (HOME and HOST, USER and …):
// only names this long are compared, and the usual system variables never are.
const MIN_COMPARED_LENGTH = 5;
const SYSTEM_NAMES = new Set(['HOSTNAME', 'SHELL', 'SHLVL', 'OLDPWD', 'LOGNAME', 'COLUMNS', 'EDITOR', 'VISUAL', 'LC_ALL', 'TMPDIR', 'DISPLAY']);

/** The known name `name` was probably meant as (edit distance ≤ 2, or only its case differs), if any. */
export function likelyMeant(name: string, known: readonly string[]): string | undefined {
  if (known.includes(name) || SYSTEM_NAMES.has(name) || name.length < MIN_COMPARED_LENGTH) return undefined;
  const upper = name.toUpperCase();
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    if (k.length < MIN_COMPARED_LENGTH) continue;
    const distance = editDistance(upper, k);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: k, distance };
  }
  return best?.name;
}

/**
 * What is valid but probably not meant, one line each, for the start-up log: a variable that looks
 * like one of ours but is not (`MODERATON=words` is otherwise silently ignored), and a bare small
 * number for a duration counted in minutes or hours (`SESSION_IDLE_TTL=30` is 30 seconds).
 *
 * @example
 * for (const line of configWarnings(process.env, Object.keys(configSchema.shape))) logger.warn(line);
 */
export function configWarnings(env: Record<string, string | undefined>, known: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    const meant = likelyMeant(name, known);
    if (meant) warnings.push(`${name} is not an mpchat setting and is ignored; did you mean ${meant}?`);
  }
  for (const name of MINUTE_SCALE_DURATIONS) {
    const text = env[name]?.trim();
    if (text && /^\d+$/.test(text) && Number(text) < 60) {
      warnings.push(`${name}=${text} means ${text} seconds; write ${text}m for minutes (or ${text}s to keep seconds and silence this warning)`);
    }
  }
  return warnings;
}
