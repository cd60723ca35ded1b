import { defineConfig } from 'vitest/config';
import { workspaceResolve } from '../../vitest.shared.js';

export default defineConfig({
  ...workspaceResolve,
  test: {
    // miniprogram-simulate renders pages into a jsdom document.
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
