import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

// The server serves the build at /console (CONSOLE=false turns it off). Workspace packages resolve
// to their TypeScript sources, so the console never waits for the contract's own build.
export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  resolve: { conditions: ['@mpchat/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/check-bundle.mjs reads the manifest to weigh what the first page load fetches.
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `pnpm --filter @mpchat/console dev` next to a running server (`pnpm start`).
    proxy: { '/admin': 'http://127.0.0.1:8080' },
  },
});
