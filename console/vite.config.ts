import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// weftd serves the build at /console/, so every asset URL starts there.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:20001', '/apis': 'http://127.0.0.1:20001' } },
});
