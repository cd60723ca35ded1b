/** Which way text travels: what a user sends, or what an engine answers. */
export type ModerationDirection = 'input' | 'output';

/** Text to check, and who it is from or for. */
export interface ModerationSubject {
  text: string;
  direction: ModerationDirection;
  /** The user's openid when known; WeChat's msgSecCheck needs it and skips text without one. */
  openid?: string;
}

/**
 * A filter's decision. `review`: the filter is unsure (WeChat's `suggest: review`); the text is
 * released but worth logging. `label` says why (WeChat's numeric label as text, `listed-term`,
 * `unavailable`); it never holds the text itself.
 */
export interface Verdict {
  action: 'pass' | 'review' | 'block';
  label?: string;
  /** The filter that decided (`words`, `wechat`, …). */
  filter: string;
}

/**
 * The content-filter port: applied by the chat service to every user message and to
 * every engine's output. A filter that cannot answer (timeout, upstream down) throws
 * {@link FilterUnavailableError}; the chain then applies `MODERATION_ON_ERROR`.
 */
export interface ContentFilter {
  readonly name: string;
  /** True when a check goes over the network (tens of ms): the stream gate then batches more text per check. */
  readonly remote: boolean;
  check(subject: ModerationSubject, signal?: AbortSignal): Promise<Verdict>;
}

/** A filter could not decide (timeout, WeChat down or rate-limited). */
export class FilterUnavailableError extends Error {
  constructor(
    readonly filter: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`[moderation] ${filter} filter unavailable: ${message}`, options);
    this.name = 'FilterUnavailableError';
  }
}
