import type { Teacher } from '../chat/admin-desk.js';
import { ChatError } from '../chat/chat-error.js';
import type { HttpContext } from './http-state.js';

/** The teacher the router's admin guard let in; an admin route mounted without the guard fails loudly. */
export function teacherOf(ctx: HttpContext): Teacher {
  if (!ctx.state.teacher) throw new ChatError('INTERNAL', 'admin route reached without the admin gate');
  return ctx.state.teacher;
}
