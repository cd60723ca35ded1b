import type { Forgotten } from '@mpchat/contract';
import type { AdminGate, Teacher } from './admin-gate.js';
import type { Caller } from './caller.js';
import type { ClientPolicy } from './client-policy.js';
import { forgetStudent } from './forget-operations.js';
import type { ServiceCore } from './service-core.js';

export type { Teacher } from './admin-gate.js';

/**
 * The teachers' side of the chat service's door. Every admin transport first calls {@link admit}
 * (the token check and its throttle live there, for every admin route alike); the other methods
 * take the {@link Teacher} it answered, so none can be called without passing the gate.
 */
export class AdminDesk {
  constructor(
    private readonly core: ServiceCore,
    private readonly gate: AdminGate,
    private readonly policy: ClientPolicy,
  ) {}

  /** Whether the admin API is on (some admin token is configured). */
  get enabled(): boolean {
    return this.gate.enabled;
  }

  /** The teacher behind `authorization`, or UNAUTHENTICATED / RATE_LIMITED (wrong tokens are throttled per address). */
  admit(caller: Caller, authorization: string): Promise<Teacher> {
    return this.gate.admit(caller, authorization);
  }

  /** Deletes every session, turn and rating of the student with this pseudonym (right to be forgotten). */
  async forgetStudent(teacher: Teacher, student: string): Promise<Forgotten> {
    this.core.log.info({ teacher: teacher.name, student }, 'teacher deletes a student');
    return forgetStudent(this.core, student, (closed) => this.policy.expired(closed));
  }
}
