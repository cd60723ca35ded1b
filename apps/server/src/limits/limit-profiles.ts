/** What one client may do. 0 turns a limit off. */
export interface LimitProfile {
  /** New sessions (first messages of a session id) per minute. */
  sessionsPerMinute: number;
  /** Sessions open at once (acquired at creation, released on destroy or expiry). */
  liveSessions: number;
  /** WebSocket connections open at once. */
  sockets: number;
  /** Messages sent per minute (each one may cost an LLM call). */
  messagesPerMinute: number;
  /** Messages sent per day: the cost guard for LLM engines. */
  messagesPerDay: number;
  /**
   * `/login` calls per minute. Logins come before any identity, so only the address profile's
   * value is used, and it is not scaled by the address factor: it is already per address.
   */
  loginsPerMinute: number;
}

/**
 * One WeChat user (`wx:<openid>`). Generous for a person typing, tight for a script:
 * - 10 new sessions a minute: "新对话" pressed every 6 s is already more than people do;
 * - 20 live sessions: several conversations kept for the 30-minute idle TTL;
 * - 8 sockets: one per page, plus reloads whose old socket lingers until the heartbeat drops it;
 * - 20 messages a minute: one every 3 s, faster than anyone reads a streamed answer;
 * - 500 messages a day: a long day of heavy study; a script hits it within the half hour;
 * - 600 logins a minute per address: a lecture hall of 300 behind one campus NAT opening the
 *   mini-program within the same ten seconds, twice over (a login token lasts 2 h; at 60, 240 of
 *   300 such students were refused), while a script from one address reaches jscode2session at
 *   most 10 times a second (WeChat throttles with 45011), and a code WeChat refused is refused again
 *   from memory without a call.
 */
export const DEFAULT_USER_LIMITS: LimitProfile = {
  sessionsPerMinute: 10,
  liveSessions: 20,
  sockets: 8,
  messagesPerMinute: 20,
  messagesPerDay: 500,
  loginsPerMinute: 600,
};

/**
 * An anonymous client address (`addr:<ip>`, `AUTH=none`) may be a whole classroom behind one
 * campus NAT, so it gets the user limits × this factor. 15 lets 60 students chat normally even
 * if all of them type in the same minute: 15 × 20 = 300 messages a minute is 5 per student (one
 * every 12 s), 15 × 10 = 150 new sessions a minute covers the whole
 * class opening the page at once, 120 sockets is two per student, 7500 messages a day is 125 per
 * student. One abusing address is still cut off at 300 messages a minute instead of thousands a
 * second, and cannot take more than 300 of `MAX_LIVE_SESSIONS` (10 000 by default).
 */
export const DEFAULT_ADDRESS_FACTOR = 15;

/** The limits of each kind of client. */
export interface ClientLimitSettings {
  /** A WeChat user, `wx:<openid>`. */
  user: LimitProfile;
  /** An anonymous address, `addr:<ip>`, possibly shared by many people. */
  address: LimitProfile;
}

/** `profile` × `factor`, for an address shared by `factor` people's worth of traffic. */
export function scaleProfile(profile: LimitProfile, factor: number): LimitProfile {
  const scale = (n: number) => Math.round(n * factor);
  return {
    sessionsPerMinute: scale(profile.sessionsPerMinute),
    liveSessions: scale(profile.liveSessions),
    sockets: scale(profile.sockets),
    messagesPerMinute: scale(profile.messagesPerMinute),
    messagesPerDay: scale(profile.messagesPerDay),
    loginsPerMinute: profile.loginsPerMinute,
  };
}

/** The defaults: {@link DEFAULT_USER_LIMITS}, and × {@link DEFAULT_ADDRESS_FACTOR} per address. */
export const DEFAULT_CLIENT_LIMITS: ClientLimitSettings = {
  user: DEFAULT_USER_LIMITS,
  address: scaleProfile(DEFAULT_USER_LIMITS, DEFAULT_ADDRESS_FACTOR),
};
