import type { Welcome } from '@mpchat/contract';
import type { Logger } from 'pino';
import type { AdminTokenEntry } from '../config/teacher-settings.js';
import type { KbFileEntry } from '../knowledge/kb-files.js';
import type { AdminThrottle } from '../limits/admin-throttle.js';
import type { ClientLimits } from '../limits/client-limits.js';
import type { LoginExchange } from '../auth/login-with-code.js';
import type { AdapterProfile } from '../ports/adapter-profile.js';
import type { ReplyEngine } from '../ports/engine.js';
import type { EventBus } from '../ports/bus.js';
import type { GenerationQueue } from '../ports/queue.js';
import type { ChatStore, SessionRecord } from '../ports/store.js';
import { sessionClosed } from './append-outcome.js';
import { ChatError } from '../errors/chat-error.js';
import type { ChatOptions } from './options.js';
import type { TurnCache } from './turn-cache.js';
import type { Moderation } from '../moderation/create-moderation.js';
import type { TurnRunner } from './turn-runner.js';

/** Dependencies of the chat service: the ports, the options and what the adapters need. */
export interface ChatServiceDeps {
  store: ChatStore;
  engine: ReplyEngine;
  bus: EventBus;
  queue: GenerationQueue;
  logger: Logger;
  options: ChatOptions;
  /** What the adapters need from the service (checkpoints, recovery, reconcile). */
  profile: AdapterProfile;
  /** Content moderation; none when `MODERATION=none`. */
  moderation?: Moderation | undefined;
  /** Per-client limits; none when omitted. */
  limits?: ClientLimits;
  /** `AUTH=wx-login`: the code exchange behind `/login` (absent: `/login` answers 404). */
  login?: LoginExchange;
  now?: () => number;
  /** The opening message and starters (built-in defaults when omitted). */
  welcome?: { readonly current: Welcome };
  /** ADMIN_TOKENS / ADMIN_TOKEN: the teachers who may use the admin API (off when empty). */
  adminTokens?: readonly AdminTokenEntry[];
  /** Counts wrong admin tokens per address; none when omitted. */
  adminThrottle?: AdminThrottle;
  /** KB_DIR's entries, to seed an empty store's knowledge base at first start (none: no seeding). */
  seedKnowledge?: (() => Promise<KbFileEntry[]>) | undefined;
  /** The synonyms list KB_DIR seeds an empty store with (its `synonyms.txt`), undefined when it has none. */
  seedSynonyms?: (() => Promise<string | undefined>) | undefined;
  /** PSEUDONYM_KEY; a key kept in the store when omitted. */
  pseudonymKey?: string | undefined;
}

/** What readiness found: the store answers, the engine is loaded. */
export interface Readiness {
  store: 'ok' | 'unavailable';
  engine: 'ok' | 'loading';
}

/** What the service's operations work with: its ports, options and clock. Private to `chat/`. */
export interface ServiceCore {
  store: ChatStore;
  bus: EventBus;
  queue: GenerationQueue;
  runner: TurnRunner;
  options: ChatOptions;
  log: Logger;
  now: () => number;
  /** Recent receive reads, when the adapter profile allows a cache (`turnCacheSessions`). */
  turnCache?: TurnCache | undefined;
}

/** The open session, or SESSION_NOT_FOUND / SESSION_CLOSED. */
export async function openSession(core: ServiceCore, sessionId: string): Promise<SessionRecord> {
  const session = await core.store.getSession(sessionId);
  if (!session) throw new ChatError('SESSION_NOT_FOUND', 'no message was ever sent in this session');
  if (session.closedAt !== null) throw sessionClosed();
  return session;
}
