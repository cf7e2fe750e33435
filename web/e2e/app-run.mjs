// Browser tests of the consumer app (web/app, served at /app/) on a phone-sized screen against a running platform,
// in Debian's Chromium driven by playwright-core. Screenshots (app-*.png) and app-results.json go to
// CHECKUP_SCREENSHOTS. Exit code 0 when no scenario failed (a scenario whose back end is not deployed is skipped).
//
//   CHECKUP_URL=http://127.0.0.1:9195 CHECKUP_SCREENSHOTS=/tmp/shots node e2e/app-run.mjs
import { join } from 'node:path'
import { appScenarios } from './app-scenarios.mjs'
import { prepareApp } from './app-prepare.mjs'
import { runScenarios } from './harness.mjs'

const base = process.env.CHECKUP_URL ?? 'http://127.0.0.1:9195'
const shots = process.env.CHECKUP_SCREENSHOTS ?? join(process.cwd(), 'e2e', 'out')
const data = await prepareApp(base)
const results = await runScenarios({
  scenarios: appScenarios, data, base, shots, resultsFile: 'app-results.json', prefix: 'app-',
  only: process.env.CHECKUP_E2E_ONLY?.split(','),
  // a phone: 375 × 667 CSS pixels (iPhone 6/7/8, the size Chinese H5 pages are designed at), touch, Chinese
  contextOptions: {
    viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  },
})
process.exit(results.failed.length === 0 && results.passed.length > 0 ? 0 : 1)
