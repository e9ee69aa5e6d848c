import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app (SPA) lives in src/web and is built to dist/web, which the Lupp server serves.
// In development, run the API (`npm run dev`) and `npx vite`; the dev server proxies the API to it.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // One bundle for now (React, Mantine, router, query, zod); split per area when areas grow.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
      '/readyz': api,
    },
  },
});
