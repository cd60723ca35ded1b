import { clientKeyOf, parseClientKey, type ClientKey } from '../auth/identity.js';
import type { ClientLimits } from '../limits/client-limits.js';
import type { SessionClaims } from '../ports/session-claims.js';
import { claimedByOther, type ClaimSettings } from './session-claim.js';
import type { ClosedSession, SessionRecord, SessionStore } from '../ports/store.js';
import type { Caller, ChatAction, HistoryAction } from './caller.js';
import { ChatError } from '../errors/chat-error.js';

/** The slot a send took for the session it opens; give it back if the send did not open it. */
export interface OpeningSlot {
  owner: ClientKey;
  /** True when a live-session slot was taken (limits on). */
  held: boolean;
}

/**
 * Who may do what, for {@link ChatService}'s one `admit`:
 * - ownership: a session whose owner is a WeChat user (`wx:<openid>`) answers every other identity
 *   404 SESSION_NOT_FOUND, as if it did not exist (no existence leak). Before its first message, the
 *   first WeChat user to open a socket on the id or send on it claims it (the store's
 *   {@link SessionClaims}): until the message opens the session, every other identity is answered
 *   the same 404, so nobody who learnt the id can displace or close its owner's socket. Sessions opened by
 *   anonymous callers (`AUTH=none`) are guarded by their UUID only, as the spec's clients expect:
 *   binding them to an address would lock out a phone that changes networks.
 * - per-client limits (key = {@link clientKeyOf}): new sessions per minute and live sessions on
 *   open, messages per minute/day on send, open sockets per connection.
 * - a student's own history (list, read, continue): only with an identity, only their own sessions.
 */
export class ClientPolicy {
  constructor(
    private readonly store: Pick<SessionStore, 'getSession'> & Omit<SessionClaims, 'purgeClaims'>,
    private readonly limits: ClientLimits | undefined,
    private readonly claims: ClaimSettings,
  ) {}

  /**
   * The session as `caller` may see it: undefined when it was never opened, SESSION_NOT_FOUND when
   * another WeChat user owns it or, before its first message, claimed it. Reads the store only when
   * ownership can matter (a known user) or `needRecord` asks for it. `action` claims the id for a
   * WeChat user when it binds them to it (see {@link CLAIMING}).
   */
  async ownedSession(caller: Caller, sessionId: string, needRecord = false, action?: ChatAction): Promise<SessionRecord | undefined> {
    if (caller.transport === 'system') return needRecord ? this.store.getSession(sessionId) : undefined;
    if (!needRecord && caller.identity.kind !== 'wx') return undefined;
    const session = await this.store.getSession(sessionId);
    const client = clientKeyOf(caller.identity);
    if (session ? isForeign(session, client) : await claimedByOther(this.store, this.claims, caller, client, sessionId, action)) {
      throw new ChatError('SESSION_NOT_FOUND', 'no message was ever sent in this session');
    }
    return session;
  }

  /** The check every request goes through. A send also counts against the message budgets. */
  async admit(caller: Caller, action: ChatAction, sessionId = ''): Promise<SessionRecord | undefined> {
    if (isHistoryAction(action)) return this.ownHistory(caller, action, sessionId);
    const session = await this.ownedSession(caller, sessionId, action === 'send' || action === 'destroy', action);
    if (action === 'send' && caller.transport !== 'system') await this.limits?.consume('message', clientKeyOf(caller.identity));
    return session;
  }

  /**
   * A caller's own history: only a known user has one (anonymous callers share addresses, so under
   * AUTH=none these features do not exist: NOT_FOUND), and a session in it is one that user opened
   * (anyone else's, or one opened anonymously, answers SESSION_NOT_FOUND: no existence leak).
   */
  private async ownHistory(caller: Caller, action: HistoryAction, sessionId: string): Promise<SessionRecord | undefined> {
    if (caller.identity.kind !== 'wx') {
      throw new ChatError('NOT_FOUND', '[history] conversation history needs an identity: AUTH=wx-login or wx-cloud (NOT_FOUND)');
    }
    if (action === 'listSessions') return undefined;
    const session = await this.store.getSession(sessionId);
    if (!session || session.owner !== clientKeyOf(caller.identity)) {
      throw new ChatError('SESSION_NOT_FOUND', action === 'continue' ? 'continueFrom: no conversation of yours has this id' : 'no conversation of yours has this id');
    }
    return session;
  }

  /** A request outside the chat flow (forget) counts against the caller's message budget, like a send. */
  async countRequest(caller: Caller): Promise<void> {
    if (caller.transport !== 'system') await this.limits?.consume('message', clientKeyOf(caller.identity));
  }

  /** Before a send opens a session: counts a new session and takes a live-session slot. */
  async open(caller: Caller): Promise<OpeningSlot> {
    const owner = clientKeyOf(caller.identity);
    if (!this.limits) return { owner, held: false };
    await this.limits.consume('session', owner);
    await this.limits.acquire('liveSession', owner);
    return { owner, held: true };
  }

  /** After the send: keeps the slot when this message opened the session (its turn 1), else gives it back. */
  async settleOpening(slot: OpeningSlot, opened: boolean): Promise<void> {
    if (slot.held && !opened) await this.limits?.release('liveSession', slot.owner);
  }

  /** A session ended (destroyed or expired): its owner's live-session slot is free again. */
  async closed(session: SessionRecord | undefined): Promise<void> {
    if (session?.owner) await this.limits?.release('liveSession', session.owner as ClientKey);
  }

  /** Sessions the idle sweeper closed: their owners' live-session slots are free again. */
  async expired(closed: readonly ClosedSession[]): Promise<void> {
    const limits = this.limits;
    if (!limits) return;
    await Promise.all(closed.filter((c) => c.owner).map((c) => limits.release('liveSession', c.owner as ClientKey)));
  }

  /** Takes an open-socket slot; the returned function gives it back (once). */
  async holdSocket(caller: Caller): Promise<() => void> {
    const key = clientKeyOf(caller.identity);
    const limits = this.limits;
    if (!limits) return () => {};
    await limits.acquire('socket', key);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      void limits.release('socket', key).catch(() => {});
    };
  }
}

const HISTORY_ACTIONS: ReadonlySet<ChatAction> = new Set<HistoryAction>(['listSessions', 'readHistory', 'continue']);
const isHistoryAction = (a: ChatAction): a is HistoryAction => HISTORY_ACTIONS.has(a);

/** Whether a WeChat user other than `client` owns the session. */
function isForeign(session: SessionRecord, client: ClientKey): boolean {
  return parseClientKey(session.owner)?.kind === 'wx' && session.owner !== client;
}
