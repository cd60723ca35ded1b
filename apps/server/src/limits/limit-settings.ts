import { z } from 'zod';
import { DEFAULT_ADDRESS_FACTOR, DEFAULT_USER_LIMITS, scaleProfile, type ClientLimitSettings } from './limit-profiles.js';

const count = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: 'must be a whole number (0 turns the limit off)' })
    .transform(Number)
    .pipe(z.number().max(1_000_000_000, { error: 'must be at most 1000000000' }))
    .default(fallback);

/**
 * The per-client limit settings as a zod fragment for the config schema. Values are per WeChat
 * user; an anonymous address gets them × `LIMIT_ADDRESS_FACTOR` (see {@link DEFAULT_ADDRESS_FACTOR}
 * for why 15). 0 turns a limit off.
 */
export const limitSettings = {
  LIMIT_SESSIONS_PER_MINUTE: count(DEFAULT_USER_LIMITS.sessionsPerMinute),
  LIMIT_LIVE_SESSIONS: count(DEFAULT_USER_LIMITS.liveSessions),
  LIMIT_SOCKETS: count(DEFAULT_USER_LIMITS.sockets),
  LIMIT_MESSAGES_PER_MINUTE: count(DEFAULT_USER_LIMITS.messagesPerMinute),
  LIMIT_MESSAGES_PER_DAY: count(DEFAULT_USER_LIMITS.messagesPerDay),
  LIMIT_ADDRESS_FACTOR: count(DEFAULT_ADDRESS_FACTOR),
  LIMIT_LOGINS_PER_MINUTE: count(DEFAULT_USER_LIMITS.loginsPerMinute),
};

/** Parsed {@link limitSettings}. */
export type LimitSettingValues = { [K in keyof typeof limitSettings]: number };

/**
 * The {@link ClientLimitSettings} the parsed settings describe.
 *
 * @example
 * createClientLimits({ store, limits: clientLimitsFrom(config) });
 */
export function clientLimitsFrom(values: LimitSettingValues): ClientLimitSettings {
  const user = {
    sessionsPerMinute: values.LIMIT_SESSIONS_PER_MINUTE,
    liveSessions: values.LIMIT_LIVE_SESSIONS,
    sockets: values.LIMIT_SOCKETS,
    messagesPerMinute: values.LIMIT_MESSAGES_PER_MINUTE,
    messagesPerDay: values.LIMIT_MESSAGES_PER_DAY,
    loginsPerMinute: values.LIMIT_LOGINS_PER_MINUTE,
  };
  return { user, address: scaleProfile(user, values.LIMIT_ADDRESS_FACTOR) };
}
