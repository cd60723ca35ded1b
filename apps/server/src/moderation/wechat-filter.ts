import { FilterUnavailableError, type ContentFilter, type ModerationSubject, type Verdict } from '../ports/content-filter.js';
import type { SecCheckScene, WechatClient } from '../wechat/wechat-client.js';

/** Options of {@link createWechatFilter}. */
export interface WechatFilterOptions {
  client: Pick<WechatClient, 'msgSecCheck'>;
  /** What `suggest: review` means here (`MODERATION_WECHAT_REVIEW`, default `block`). */
  review?: 'pass' | 'block';
  /** msg_sec_check scene (default 2 评论; one developer found scene 4 missed terms 1–3 caught). */
  scene?: SecCheckScene;
  /** Time allowed for one check, on top of the client's own timeout (default 3000 ms). */
  timeoutMs?: number;
}

/** msg_sec_check takes at most 2500 characters. */
export const MSG_SEC_CHECK_MAX_CHARS = 2500;

function chunks(text: string, size: number): string[] {
  const chars = [...text];
  if (chars.length <= size) return [text];
  const out: string[] = [];
  // Overlap pieces a little so a term across a cut is still seen whole.
  for (let i = 0; i < chars.length; i += size - 50) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/**
 * The `wechat` filter: WeChat's msgSecCheck v2. It needs the user's openid, so text without one
 * passes unchecked here (only the local word list applies to anonymous users). `risky` blocks;
 * `review` blocks or passes as configured. A failure throws {@link FilterUnavailableError}.
 *
 * @example
 * const wechat = createWechatFilter({ client: createWechatClient({ appid, secret }), review: 'block' });
 */
export function createWechatFilter(options: WechatFilterOptions): ContentFilter {
  const name = 'wechat';
  const review = options.review ?? 'block';
  const timeoutMs = options.timeoutMs ?? 3_000;
  return {
    name,
    remote: true,
    async check(subject: ModerationSubject, signal?: AbortSignal): Promise<Verdict> {
      if (subject.openid === undefined || subject.text.trim() === '') return { action: 'pass', filter: name };
      const timeout = AbortSignal.timeout(timeoutMs);
      const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let worst: Verdict = { action: 'pass', filter: name };
      for (const piece of chunks(subject.text, MSG_SEC_CHECK_MAX_CHARS)) {
        let result;
        try {
          result = await options.client.msgSecCheck(piece, subject.openid, options.scene ?? 2, both);
        } catch (err) {
          if (signal?.aborted) throw err;
          throw new FilterUnavailableError(name, (err as Error).message, { cause: err });
        }
        const label = String(result.label);
        if (result.suggest === 'risky' || (result.suggest === 'review' && review === 'block')) return { action: 'block', label, filter: name };
        if (result.suggest === 'review') worst = { action: 'review', label, filter: name };
      }
      return worst;
    },
  };
}
