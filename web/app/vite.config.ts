import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

/** Vant components used by name map to their style module; functions to the component they show. */
const VANT_FUNCTIONS: Record<string, string | null> = {
  showToast: 'toast', showLoadingToast: 'toast', showSuccessToast: 'toast', showFailToast: 'toast', closeToast: 'toast',
  showDialog: 'dialog', showConfirmDialog: 'dialog', closeDialog: 'dialog', showNotify: 'notify', closeNotify: 'notify',
  Locale: null, setToastDefaultOptions: null,
}
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()

/**
 * Each `import { Button, showToast } from 'vant'` in the app's own code also imports the styles of what it names
 * (`vant/es/button/style/index`), so a page loads the CSS of the components it uses and no more (what Vant's
 * auto-import resolver does, in twenty lines).
 */
function vantStyles(): Plugin {
  return {
    name: 'checkup-vant-styles',
    enforce: 'post',
    transform(code, id) {
      if (id.includes('node_modules') || !/\.(vue|ts)(\?|$)/.test(id) || !code.includes("from 'vant'") && !code.includes('from "vant"')) return null
      const styles = new Set<string>()
      for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]vant['"]/g)) {
        for (const part of m[1].split(',')) {
          const name = part.trim().split(/\s+as\s+/)[0]?.trim()
          if (!name || name.startsWith('type ')) continue
          const component = name in VANT_FUNCTIONS ? VANT_FUNCTIONS[name] : kebab(name)
          if (component) styles.add(`import 'vant/es/${component}/style/index';`)
        }
      }
      return styles.size ? { code: `${[...styles].join('\n')}\n${code}`, map: null } : null
    },
  }
}

/**
 * Vant's icon font names a font file on a CDN after its inline woff2: never fetched by a browser that reads woff2 (all
 * that run Vant 4), but the CSP says nothing is loaded from elsewhere, and so does the built CSS.
 */
function noExternalFonts(): Plugin {
  return {
    name: 'checkup-no-external-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/vant/') || !id.endsWith('.css') || !code.includes('url(//')) return null
      return { code: code.replace(/,\s*url\(\/\/[^)]*\)\s*format\("[^"]*"\)/g, ''), map: null }
    },
  }
}

// Served by the gateway at /app/ (same origin as the API); built into the web module's jar.
export default defineConfig({
  base: '/app/',
  plugins: [vue(), vantStyles(), noExternalFonts()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: {
    outDir: fileURLToPath(new URL('../target/classes/checkup-web/app', import.meta.url)),
    emptyOutDir: true,
    // phones: no legacy browsers to carry
    target: 'es2020',
  },
  server: {
    // `npm run dev -w @checkup/app` against a running `./checkup up`
    port: 5174,
    proxy: { '/api': 'http://127.0.0.1:9195' },
  },
})
