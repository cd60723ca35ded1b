import type { Forgotten } from '@mpchat/contract';
import type { ClosedSession, ForgetOutcome } from '../ports/store.js';
import { clientKeyOf } from '../auth/identity.js';
import type { Caller } from './caller.js';
import { ChatError } from '../errors/chat-error.js';
import type { ClientPolicy } from './client-policy.js';
import type { Pseudonyms } from './pseudonyms.js';
import type { ServiceCore } from './service-core.js';

/**
 * Deletes every session, turn, rating and moderation record of one student (by pseudonym). Sessions that were open
 * are announced closed on every instance (their sockets say bye, generation stops) and
 * `onClosed` gives their owners' live-session slots back.
 */
export async function forgetStudent(core: ServiceCore, student: string, onClosed: (closed: ClosedSession[]) => Promise<void>): Promise<Forgotten> {
  const out: ForgetOutcome = await core.store.forgetStudent(student);
  for (const { id } of out.open) {
    core.turnCache?.forget(id);
    await core.bus.publish({ type: 'closed', sessionId: id, reason: 'destroyed' });
  }
  await onClosed(out.open);
  core.log.info({ student, sessions: out.sessions, turns: out.turns, feedback: out.feedback, moderation: out.moderation }, 'forgot a student');
  return { sessions: out.sessions, turns: out.turns, feedback: out.feedback, moderation: out.moderation };
}

/**
 * The caller forgets themself. Needs a known student (`AUTH=wx-login` or `wx-cloud`): under
 * `AUTH=none` a caller is only an address, which many students share, so it answers 404 NOT_FOUND
 * rather than delete a neighbour's data. Counts against the caller's message budget like a send.
 */
export async function forgetCaller(core: ServiceCore, policy: ClientPolicy, pseudonyms: Pseudonyms, caller: Caller): Promise<Forgotten> {
  if (caller.identity.kind !== 'wx') {
    throw new ChatError('NOT_FOUND', 'forget needs a signed-in student (AUTH=wx-login or wx-cloud); this server knows callers only by address');
  }
  await policy.countRequest(caller);
  const student = await pseudonyms.of(clientKeyOf(caller.identity));
  return forgetStudent(core, student, (closed) => policy.expired(closed));
}
