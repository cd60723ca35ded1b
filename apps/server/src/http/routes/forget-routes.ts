import type { ChatService } from '../../chat/chat-service.js';
import { teacherOf } from '../admin-teacher.js';
import { httpCaller } from '../http-caller.js';
import type { RouteHandler } from '../route-input.js';

/** POST /mpweixin/chatbot/forget: delete every session, turn and rating of the caller. */
export function forgetRoute(chat: ChatService): RouteHandler<'forget'> {
  return async (_input, ctx) => {
    const data = await chat.forget(httpCaller(ctx));
    return { code: 200, message: `forgot ${data.sessions} conversations`, data };
  };
}

/** DELETE /admin/students/{pseudonym}: a teacher deletes one student's data. */
export function adminForgetStudentRoute(chat: ChatService): RouteHandler<'adminForgetStudent'> {
  return async ({ params }, ctx) => {
    const data = await chat.admin.forgetStudent(teacherOf(ctx), params.pseudonym);
    return { code: 200, message: `forgot ${data.sessions} conversations`, data };
  };
}
