// Builds the dev app (dev/index.html) into dev/dist with esbuild's JSX (no Babel plugin needed).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const devDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: devDir,
  base: '/',
  // Errors only: the dependency tree's harmless bundling notices (node-only modules it never
  // calls in the browser, MUI's "use client" markers) would bury a real problem.
  logLevel: 'error',
  esbuild: { jsx: 'automatic' },
  resolve: {
    // One React and one router in the bundle, whatever nested copies npm leaves.
    dedupe: ['react', 'react-dom', 'react-router', 'react-router-dom'],
  },
  define: { global: 'globalThis' },
  build: {
    outDir: path.join(devDir, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    minify: process.env.HARDENED_GO_DEV_APP_MINIFY !== '0',
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
    rollupOptions: {
      // MUI's "use client" markers mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
