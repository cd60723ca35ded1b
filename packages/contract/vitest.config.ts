import { defineConfig } from 'vitest/config';
import { workspaceResolve } from '../../vitest.shared.js';

export default defineConfig({
  ...workspaceResolve,
  test: {
    include: ['src/**/*.test.ts'],
    typecheck: { include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
