import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Component and unit tests of both apps and the shared code, in happy-dom.
export default defineConfig({
  plugins: [vue()],
  test: {
    environment: 'happy-dom',
    include: ['*/src/**/*.test.ts'],
  },
})
