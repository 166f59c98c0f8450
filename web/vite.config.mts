import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app is built into the service's dist/web, which the Nest app serves at /.
// JSX is compiled by Vite's own oxc transform (React's automatic runtime); no plugin needed.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // the strict CSP allows no inline script: keep Vite from inlining the module preload helper
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // the Markdown editor's chunk (CodeMirror with its HTML/CSS/JS modes) loads only on /revisions/:id/edit
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // Radix marks its modules "use client" for React Server Components; meaningless here
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
