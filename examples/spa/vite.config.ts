import { defineConfig } from 'vite';

// The SPA talks to the service and the resource server through Vite's proxy, so the browser sees one origin:
// the refresh cookie (HttpOnly, SameSite=Strict, Path=/) is first-party and CORS never comes into play.
const identsphere = process.env.IDENTSPHERE_URL ?? 'http://localhost:4000';
const resourceServer = process.env.RESOURCE_SERVER_URL ?? 'http://localhost:4001';

const toService = { target: identsphere, changeOrigin: false };

export default defineConfig({
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/v1': toService,
      '/.well-known': toService,
      '/health': toService,
      '/openapi.json': toService,
      '/api': { target: resourceServer, changeOrigin: false },
    },
  },
  preview: { port: 4173, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
