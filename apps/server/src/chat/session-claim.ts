import type { ClientKey } from '../auth/identity.js';
import type { SessionClaims } from '../ports/session-claims.js';
import type { Caller, ChatAction } from './caller.js';

/** How long a claim on a session id not opened yet lasts (the idle time-to-live), and the clock it is measured by. */
export interface ClaimSettings {
  ttlMs: number;
  now: () => number;
}

// A claim is taken by the actions that bind a client to a session id: opening its socket and sending on it.
const CLAIMING: ReadonlySet<ChatAction> = new Set<ChatAction>(['send', 'stream']);

/**
 * Whether a WeChat user other than `client` holds the claim on a session id nobody has sent a
 * message in yet; when `action` binds the caller to the id (its socket, its first send), the claim
 * is taken for `client` first. The first to claim keeps the id, across instances sharing the store.
 */
export async function claimedByOther(
  claims: Omit<SessionClaims, 'purgeClaims'>,
  settings: ClaimSettings,
  caller: Caller,
  client: ClientKey,
  sessionId: string,
  action: ChatAction | undefined,
): Promise<boolean> {
  // Only WeChat users claim; under AUTH=none no claim exists, so anonymous callers skip the read.
  if (!sessionId || caller.identity.kind !== 'wx') return false;
  const now = settings.now();
  const holder =
    action && CLAIMING.has(action)
      ? await claims.claimSession(sessionId, client, now, now + settings.ttlMs)
      : await claims.sessionClaimant(sessionId, now);
  return holder !== undefined && holder !== client;
}
