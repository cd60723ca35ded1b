import { defineConfig } from 'vitest/config';
import { workspaceResolve } from '../../vitest.shared.js';

// Unit tests of the console's plain modules; the pages are driven in Chromium by the server's
// console test, against a real server.
export default defineConfig({
  ...workspaceResolve,
  test: { include: ['src/**/*.test.ts'] },
});
