import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The renderer is built to build/renderer and loaded from the app:// scheme (desktop) or the
// browser-mode server; relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // Fonts stay files: the CSP allows fonts from 'self' only, and an inlined data: font would be
    // blocked (KaTeX's smallest font was). Other small assets may be inlined as usual.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    reportCompressedSize: false,
  },
});
