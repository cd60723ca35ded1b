import type { ChatService } from '../../chat/chat-service.js';
import { teacherOf } from '../admin-teacher.js';
import type { RouteHandlers } from '../route-input.js';

type CourseRoutes = Pick<
  Required<RouteHandlers>,
  'adminConversations' | 'adminConversation' | 'adminUnanswered' | 'adminUnansweredAnswer' | 'adminUnansweredIgnore' | 'adminStats' | 'adminModeration'
>;

/**
 * The routes teachers read their course with (conversations, unanswered questions, numbers, the
 * moderation log) and answer its unanswered questions with: each calls the admin desk's course
 * records with the teacher the gate let in.
 */
export function adminCourseRoutes(chat: ChatService): CourseRoutes {
  const course = chat.admin.course;
  return {
    adminConversations: async ({ query }, ctx) => {
      const page = await course.conversations(teacherOf(ctx), query);
      return { code: 200, message: `${page.items.length} conversations`, data: page };
    },
    adminConversation: async ({ params }, ctx) => ({ code: 200, message: 'ok', data: await course.conversation(teacherOf(ctx), params.sessionId) }),
    adminUnanswered: async ({ query }, ctx) => {
      const groups = await course.unanswered(teacherOf(ctx), query);
      return { code: 200, message: `${groups.length} groups`, data: { groups } };
    },
    adminUnansweredAnswer: async ({ params, body }, ctx) => {
      const out = await course.answer(teacherOf(ctx), params.groupId, body);
      return { code: 200, message: `answered; ${out.delivered} open sessions got the answer`, data: out };
    },
    adminUnansweredIgnore: async ({ params }, ctx) => ({ code: 200, message: 'group ignored', data: await course.ignore(teacherOf(ctx), params.groupId) }),
    adminStats: async ({ query }, ctx) => ({ code: 200, message: 'ok', data: await course.stats(teacherOf(ctx), query) }),
    adminModeration: async ({ query }, ctx) => {
      const page = await course.moderation(teacherOf(ctx), query);
      return { code: 200, message: `${page.items.length} events`, data: page };
    },
  };
}
