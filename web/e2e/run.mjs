// Browser tests of the workbench against a running platform (as `./checkup up` or the e2e module starts it), in
// Debian's Chromium driven by playwright-core. Each scenario signs in as its persona and does a user's task through
// the pages; screenshots of every page go to CHECKUP_SCREENSHOTS. Exit code 0 only when every scenario passed.
//
//   CHECKUP_URL=http://127.0.0.1:9195 CHECKUP_SCREENSHOTS=/tmp/shots node e2e/run.mjs
// What the scenarios need (a paid booking for today) is made first through the API (prepare.mjs).
import { chromium } from 'playwright-core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { scenarios } from './scenarios.mjs'
import { prepare } from './prepare.mjs'

const base = process.env.CHECKUP_URL ?? 'http://127.0.0.1:9195'
const shots = process.env.CHECKUP_SCREENSHOTS ?? join(process.cwd(), 'e2e', 'out')
const data = await prepare(base)
const only = process.env.CHECKUP_E2E_ONLY?.split(',')
mkdirSync(shots, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  // no background traffic: the machine's network is closed and Chromium would flood it
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
})
const results = { passed: [], failed: [], figures: {}, data }
const deadline = Date.now() + 10 * 60_000
try {
  for (const [name, run] of Object.entries(scenarios)) {
    if (only && !only.includes(name)) continue
    if (Date.now() > deadline) {
      results.failed.push({ name, error: 'not run: the 10-minute budget of the browser tests was spent' })
      continue
    }
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    context.setDefaultTimeout(20_000)
    const page = await context.newPage()
    const problems = []
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('console', (m) => { if (m.type() === 'error' && !/status of (4\d\d)/.test(m.text())) problems.push(`console: ${m.text()}`) })
    const started = Date.now()
    try {
      await run({ page, base, data, figures: results.figures, shot: (n) => page.screenshot({ path: join(shots, `${n}.png`), fullPage: true }) })
      if (problems.length) throw new Error(`the page reported errors:\n  ${problems.join('\n  ')}`)
      results.passed.push({ name, ms: Date.now() - started })
      console.log(`PASS ${name} (${Date.now() - started} ms)`)
    } catch (e) {
      await page.screenshot({ path: join(shots, `FAILED-${name}.png`), fullPage: true }).catch(() => {})
      results.failed.push({ name, error: String(e?.stack ?? e) })
      console.log(`FAIL ${name}: ${e?.stack ?? e}`)
    } finally {
      await context.close()
    }
  }
} finally {
  await browser.close()
}
writeFileSync(join(shots, 'results.json'), JSON.stringify(results, null, 2))
console.log(JSON.stringify(results.figures))
process.exit(results.failed.length === 0 && results.passed.length > 0 ? 0 : 1)
