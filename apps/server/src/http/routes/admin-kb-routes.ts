import type { ChatService } from '../../chat/chat-service.js';
import { teacherOf } from '../admin-teacher.js';
import type { RouteHandlers } from '../route-input.js';

type KbRoutes = Pick<
  Required<RouteHandlers>,
  | 'adminKbEntries'
  | 'adminKbCreate'
  | 'adminKbEntry'
  | 'adminKbUpdate'
  | 'adminKbDelete'
  | 'adminKbVersions'
  | 'adminKbRevert'
  | 'adminKbSearch'
  | 'adminKbExport'
  | 'adminKbImport'
  | 'adminSynonyms'
  | 'adminSynonymsUpdate'
  | 'adminSynonymsVersions'
>;

/** The knowledge-base routes under /admin/kb: each calls the service's admin desk with the teacher the gate let in. */
export function adminKbRoutes(chat: ChatService): KbRoutes {
  const desk = chat.admin;
  return {
    adminKbEntries: async ({ query }, ctx) => {
      const page = await desk.kbEntries(teacherOf(ctx), query);
      return { code: 200, message: `${page.items.length} entries`, data: page };
    },
    adminKbCreate: async ({ body }, ctx) => ({ code: 200, message: 'entry created', data: { entry: await desk.kbCreate(teacherOf(ctx), body) } }),
    adminKbEntry: async ({ params }, ctx) => ({ code: 200, message: 'ok', data: { entry: await desk.kbEntry(teacherOf(ctx), params.id) } }),
    adminKbUpdate: async ({ params, body }, ctx) => ({ code: 200, message: 'entry saved', data: { entry: await desk.kbUpdate(teacherOf(ctx), params.id, body) } }),
    adminKbDelete: async ({ params }, ctx) => {
      const r = await desk.kbDelete(teacherOf(ctx), params.id);
      return { code: 200, message: 'entry deleted', data: { id: r.id, deleted: true, version: r.version } };
    },
    adminKbVersions: async ({ params }, ctx) => ({ code: 200, message: 'ok', data: { items: await desk.kbVersions(teacherOf(ctx), params.id) } }),
    adminKbRevert: async ({ params, body }, ctx) => ({
      code: 200,
      message: `version ${body.version} restored`,
      data: { entry: await desk.kbRevert(teacherOf(ctx), params.id, body.version) },
    }),
    adminKbSearch: async ({ body }, ctx) => ({ code: 200, message: 'ok', data: desk.kbSearch(teacherOf(ctx), body.question, body.limit ?? 5) }),
    adminKbExport: async ({ query }, ctx) => {
      const out = await desk.kbExport(teacherOf(ctx), query.format ?? 'zip');
      ctx.status = 200;
      ctx.type = out.type;
      ctx.set('Content-Disposition', `attachment; filename="${out.name}"`);
      ctx.body = typeof out.body === 'string' ? out.body : Buffer.from(out.body);
      return { code: 200 };
    },
    adminKbImport: async ({ body }, ctx) => {
      const counts = await desk.kbImport(teacherOf(ctx), body);
      return { code: 200, message: `${counts.created} created, ${counts.updated} updated`, data: counts };
    },
    adminSynonyms: async (_input, ctx) => ({ code: 200, message: 'ok', data: { synonyms: await desk.synonyms(teacherOf(ctx)) } }),
    adminSynonymsUpdate: async ({ body }, ctx) => ({ code: 200, message: 'synonyms saved', data: { synonyms: await desk.saveSynonyms(teacherOf(ctx), body.text, body.version) } }),
    adminSynonymsVersions: async (_input, ctx) => ({ code: 200, message: 'ok', data: { items: await desk.synonymsVersions(teacherOf(ctx)) } }),
  };
}
