import { defineConfig } from 'vitest/config';
import { workspaceResolve } from '../../vitest.shared.js';

export default defineConfig({
  ...workspaceResolve,
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Fails a test file that saw a route answer an error its contract list lacks.
    setupFiles: ['src/testing/route-error-audit.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests start real servers and child processes; two workers match the 2-core machines.
    maxWorkers: 2,
  },
});
