import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { parseClientKey } from '../auth/identity.js';
import { ChatError } from '../errors/chat-error.js';
import type { ContentFilter, ModerationDirection, Verdict } from '../ports/content-filter.js';
import type { SharedCache } from '../wechat/shared-cache.js';
import { createWechatClient } from '../wechat/wechat-client.js';
import { createFilterChain, type OnError } from './filter-chain.js';
import { FILTER_NAMES, type FilterName } from './filter-names.js';
import { StreamGate, type StreamGateOptions } from './stream-gate.js';
import { createWechatFilter } from './wechat-filter.js';
import { WordsFilter } from './words-filter.js';

/** The settings moderation is built from (see `moderationSettings` and `wechatSettings`). */
export interface ModerationConfig {
  MODERATION: readonly FilterName[];
  MODERATION_WORDS_FILE?: string | undefined;
  MODERATION_ON_ERROR: Record<ModerationDirection, OnError>;
  MODERATION_WECHAT_REVIEW: 'pass' | 'block';
  MODERATION_BLOCKED_REPLY: string;
  MODERATION_REJECTED_MESSAGE: string;
  WX_APPID?: string | undefined;
  WX_SECRET?: string | undefined;
  WX_API_BASE: string;
}

/** Where a block happened, for the audit log. */
export interface BlockContext {
  sessionId: string;
  seq?: number;
  text: string;
}

/**
 * Content moderation as the chat service uses it: the input check (422
 * CONTENT_REJECTED), one stream gate per generated reply, the canned reply, the audit log and the
 * `mpchat_moderation_blocks_total` counter. Built once per app from the configuration.
 */
export class Moderation {
  /** Blocked inputs and outputs, by direction, filter and label (served at /metrics). */
  readonly blocks = new Counter({
    name: 'mpchat_moderation_blocks_total',
    help: 'Messages rejected and replies blocked by content moderation',
    labelNames: ['direction', 'filter', 'label'],
    registers: [],
  });

  // The openid of each session's last sender, so its reply is checked for the same user (this instance only).
  private readonly openids = new Map<string, string>();

  constructor(
    private readonly chain: ContentFilter,
    private readonly words: WordsFilter | undefined,
    readonly blockedReply: string,
    private readonly rejectedMessage: string,
    private readonly log: Logger,
  ) {}

  /** Builds moderation from the configuration, or undefined with `MODERATION=none`. */
  static fromConfig(config: ModerationConfig, log: Logger, cache?: SharedCache): Moderation | undefined {
    if (config.MODERATION.length === 0) return undefined;
    const filters: ContentFilter[] = [];
    let words: WordsFilter | undefined;
    for (const name of config.MODERATION) {
      switch (name) {
        case 'words': {
          // Read synchronously: the config check already proved the file readable.
          const file = config.MODERATION_WORDS_FILE!;
          words = new WordsFilter(readFileSync(file, 'utf8').split('\n'), file);
          filters.push(words);
          break;
        }
        case 'wechat': {
          const client = createWechatClient({ appid: config.WX_APPID!, secret: config.WX_SECRET!, apiBase: config.WX_API_BASE, ...(cache ? { cache } : {}) });
          filters.push(createWechatFilter({ client, review: config.MODERATION_WECHAT_REVIEW }));
          break;
        }
        default:
          throw new Error(`[moderation] unknown content filter "${String(name)}" (known: ${FILTER_NAMES.join(', ')})`);
      }
    }
    const chain = createFilterChain(filters, {
      onError: config.MODERATION_ON_ERROR,
      onUnavailable: (filter, direction, err) => log.warn({ err, filter, direction }, 'moderation filter unavailable'),
    });
    return new Moderation(chain, words, config.MODERATION_BLOCKED_REPLY, config.MODERATION_REJECTED_MESSAGE, log);
  }

  /** The filters in force, e.g. `words,wechat`. */
  get filters(): string {
    return this.chain.name;
  }

  /** Checks a user message; throws 422 CONTENT_REJECTED (with the configured Chinese message) when blocked. */
  async checkInput(text: string, openid: string | undefined, sessionId: string): Promise<void> {
    const refused = await this.screenInput(text, openid, sessionId);
    if (refused) throw refused.error;
  }

  /**
   * Checks a user message like {@link checkInput} but answers a refusal instead of throwing it:
   * the verdict that blocked it (for the course's moderation log) and the 422 CONTENT_REJECTED to
   * answer. Undefined when the message may pass.
   */
  async screenInput(text: string, openid: string | undefined, sessionId: string): Promise<{ verdict: Verdict; error: ChatError } | undefined> {
    if (openid) this.rememberOpenid(sessionId, openid);
    const verdict = await this.chain.check({ text, direction: 'input', ...(openid ? { openid } : {}) });
    if (verdict.action === 'review') this.log.info({ sessionId, filter: verdict.filter, label: verdict.label }, 'message flagged for review, accepted');
    if (verdict.action !== 'block') return undefined;
    this.audit('input', verdict, { sessionId, text });
    return { verdict, error: new ChatError('CONTENT_REJECTED', this.rejectedMessage) };
  }

  /**
   * The openid a session's reply is checked for (msgSecCheck needs one): the WeChat user who owns
   * the session (its stored `owner`, so a reply generated on any instance is checked for them), else
   * the last sender's when that message arrived on this instance. Undefined for anonymous sessions:
   * only the filters that need no openid check the reply.
   */
  replyOpenid(sessionId: string, owner: string | null | undefined): string | undefined {
    const key = parseClientKey(owner);
    return key?.kind === 'wx' ? key.openid : this.openids.get(sessionId);
  }

  private rememberOpenid(sessionId: string, openid: string): void {
    this.openids.delete(sessionId);
    this.openids.set(sessionId, openid);
    // Bounded: forget the least recently active session beyond 10,000.
    if (this.openids.size > 10_000) this.openids.delete(this.openids.keys().next().value!);
  }

  /** A stream gate for one reply: released text goes to `onRelease`; `onBlock` aborts the engine. */
  gate(options: Omit<StreamGateOptions, 'filter'>): StreamGate {
    // The overlap must cover the longest listed term (plus disguises) so a term across a check boundary is seen.
    const overlapChars = Math.max(100, (this.words?.longestTerm ?? 0) * 4);
    return new StreamGate({ filter: this.chain, overlapChars, ...options });
  }

  /** Logs and counts a blocked message or reply: session, seq, filter and label; the text only at debug. */
  audit(direction: ModerationDirection, verdict: Verdict, at: BlockContext): void {
    const label = verdict.label ?? 'none';
    this.blocks.inc({ direction, filter: verdict.filter, label });
    const fields = { sessionId: at.sessionId, seq: at.seq, direction, filter: verdict.filter, label };
    this.log.warn(fields, direction === 'input' ? 'message rejected by moderation' : 'reply blocked by moderation');
    this.log.debug({ ...fields, text: at.text }, 'moderated text');
  }

  /** Re-reads the word list (SIGHUP); answers its term count, or undefined without `words`. Keeps the old list on failure. */
  async reload(): Promise<number | undefined> {
    return this.words?.reload();
  }
}
