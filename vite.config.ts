import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer's build (runs in Node): kept at the top level so renderer/ holds only browser code.
const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  // Vite 8 transforms TSX itself (oxc); use React's automatic JSX runtime.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Keep everything as files under /assets (strict CSP: no inline scripts, no data: fonts).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8123',
      '/live': { target: 'ws://127.0.0.1:8123', ws: true },
    },
  },
});
