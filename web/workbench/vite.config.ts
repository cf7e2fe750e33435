import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

// Served by the gateway at /workbench/ (same origin as the API); built into the web module's jar.
export default defineConfig({
  base: '/workbench/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../target/classes/checkup-web/workbench', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev` against a running `./checkup up`
    proxy: { '/api': 'http://127.0.0.1:9195' },
  },
})
