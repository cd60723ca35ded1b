import { defineConfig } from 'vitest/config';
import { workspaceResolve } from '../../vitest.shared.js';

export default defineConfig({
  ...workspaceResolve,
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    typecheck: { include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
