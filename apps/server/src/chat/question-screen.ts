import { clientKeyOf, openidOf } from '../auth/identity.js';
import type { Moderation } from '../moderation/create-moderation.js';
import type { SessionRecord } from '../ports/store.js';
import type { Caller } from './caller.js';
import { recordBlock } from './moderation-log.js';
import type { Pseudonyms } from './pseudonyms.js';
import type { ServiceCore } from './service-core.js';

/**
 * Content moderation of a question before it is stored: a refused question is answered 422
 * CONTENT_REJECTED and never stored or answered; the course's moderation log keeps it for the
 * teachers, under the student's pseudonym. Returns when the question may pass.
 */
export async function screenQuestion(
  core: ServiceCore,
  moderation: Moderation | undefined,
  pseudonyms: Pseudonyms,
  caller: Caller,
  session: SessionRecord | undefined,
  input: { sessionId: string; content: string },
): Promise<void> {
  const refused = await moderation?.screenInput(input.content, openidOf(caller.identity), input.sessionId);
  if (!refused) return;
  const student = session?.student ?? (await pseudonyms.of(clientKeyOf(caller.identity)).catch(() => null));
  const event = { at: core.now(), direction: 'input' as const, sessionId: input.sessionId, seq: null, student, content: input.content, reason: refused.verdict.filter };
  await recordBlock(core.store, core.log, event);
  throw refused.error;
}
