// One fast and one slow server shared by the test files that do not restart or kill a server.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startServer } from '@mpchat/testkit';

declare module 'vitest' {
  export interface ProvidedContext {
    /** kb replies in ~0.4 s (5 ms per 12-character chunk). */
    fastUrl: string;
    /** kb replies in ~2.3 s (30 ms per chunk): time to break things mid-stream. */
    slowUrl: string;
    /** ADMIN_TOKEN of the fast server (its /admin/feedback export is on). */
    adminToken: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminToken = 'sdk-test-admin-token-0001';
  const [fast, slow] = await Promise.all([startServer({ chunkDelayMs: 5, env: { ADMIN_TOKEN: adminToken } }), startServer({ chunkDelayMs: 30 })]);
  project.provide('adminToken', adminToken);
  project.provide('fastUrl', fast.baseUrl);
  project.provide('slowUrl', slow.baseUrl);
  return async () => {
    await Promise.all([fast.stop(), slow.stop()]);
  };
}
