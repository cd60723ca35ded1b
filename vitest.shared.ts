// Vitest settings shared by every package: resolve workspace packages to their TypeScript
// sources (the "@mpchat/source" export condition) so tests never need a build first.
const conditions = ['@mpchat/source', 'module', 'node', 'development|production'];

export const workspaceResolve = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@mpchat/source'] } },
};
