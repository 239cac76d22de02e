import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Entries live in DESIGN.md's folders (main/, renderer/), not electron-vite's default src/.
export default defineConfig({
  main: {
    build: {
      // electron-store is ESM-only; bundling it lets the main process stay CommonJS.
      externalizeDeps: { exclude: ['electron-store', 'conf'] },
      // index.pdf is laid out in a child process (main/services/export/pdf/worker.ts), forked from
      // out/main/pdf-worker.js; capture banners are drawn in a worker thread (out/main/banner-worker.js);
      // imports' content checks run in another (out/main/syntax-worker.js).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          'pdf-worker': resolve(__dirname, 'main/services/export/pdf/worker.ts'),
          'banner-worker': resolve(__dirname, 'main/services/capture/banner-worker.ts'),
          'syntax-worker': resolve(__dirname, 'main/services/evidence/syntax-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/preload/index.ts') },
        // A sandboxed preload must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
