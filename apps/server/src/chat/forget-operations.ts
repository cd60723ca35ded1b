import type { Forgotten } from '@mpchat/contract';
import type { ClosedSession, ForgetOutcome } from '../ports/store.js';
import type { ServiceCore } from './service-core.js';

/**
 * Deletes every session, turn and rating of one student (by pseudonym). Sessions that were open
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
  core.log.info({ student, sessions: out.sessions, turns: out.turns, feedback: out.feedback }, 'forgot a student');
  return { sessions: out.sessions, turns: out.turns, feedback: out.feedback };
}
