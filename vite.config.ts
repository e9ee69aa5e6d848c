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
    // Pages are their own chunks (the router loads them lazily); the first chunk is React, Mantine, the
    // router, query, zod and i18n, about 540 kB. It was 2 MB while a shared date helper pulled in the Swedish
    // holiday tables (date-holidays, astronomia, moment): the web app must not import src/shared/working-days.ts.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
      '/readyz': api,
    },
  },
});
