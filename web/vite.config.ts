import { defineConfig } from 'vite';

// Preact through esbuild's automatic JSX runtime: no Babel plugin needed.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': process.env.AMTSZEIT_API ?? 'http://localhost:8080' },
  },
});
