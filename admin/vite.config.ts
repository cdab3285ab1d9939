import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built console at /admin; in development, vite serves it and forwards /graphql to the API.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': 'http://localhost:4000',
    },
  },
});
