// Runs browser scenarios in Debian's Chromium (playwright-core), one fresh context each, with screenshots, a time
// budget, and a results file; shared by the workbench's run.mjs and the consumer app's app-run.mjs.
import { chromium } from 'playwright-core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Thrown by a scenario that cannot run here (say, a back end not deployed yet): reported, not failed. */
export class Skip extends Error {}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // no background traffic: the machine's network is closed and Chromium would flood it
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  })
}

/**
 * Runs each scenario (`only`: a subset by name) in its own browser context made with `contextOptions`, records
 * passed / failed / skipped and the figures scenarios report, writes `<shots>/<resultsFile>`, and answers the results.
 * A scenario fails on an exception or on anything the page reported as an error (console errors but 4xx answers).
 */
export async function runScenarios({ scenarios, data, base, shots, contextOptions, resultsFile, prefix = '', budgetMs = 10 * 60_000, only }) {
  mkdirSync(shots, { recursive: true })
  const browser = await launch()
  const results = { passed: [], failed: [], skipped: [], figures: {}, data }
  const deadline = Date.now() + budgetMs
  try {
    for (const [name, run] of Object.entries(scenarios)) {
      if (only && !only.includes(name)) continue
      if (Date.now() > deadline) {
        results.failed.push({ name, error: `not run: the ${budgetMs / 60_000}-minute budget of the browser tests was spent` })
        continue
      }
      const context = await browser.newContext(contextOptions)
      context.setDefaultTimeout(20_000)
      const page = await context.newPage()
      const problems = []
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      page.on('console', (m) => {
        // a refused request (4xx) and a request cut off on purpose (offline) are what some scenarios do
        if (m.type() === 'error' && !/status of (4\d\d)|ERR_INTERNET_DISCONNECTED|ERR_FAILED|ERR_NETWORK_CHANGED/.test(m.text())) {
          problems.push(`console: ${m.text()}`)
        }
      })
      const started = Date.now()
      try {
        await run({ page, context, browser, base, data, figures: results.figures,
          shot: (n) => page.screenshot({ path: join(shots, `${n}.png`), fullPage: true }) })
        if (problems.length) throw new Error(`the page reported errors:\n  ${problems.join('\n  ')}`)
        results.passed.push({ name, ms: Date.now() - started })
        console.log(`PASS ${name} (${Date.now() - started} ms)`)
      } catch (e) {
        if (e instanceof Skip) {
          results.skipped.push({ name, reason: e.message })
          console.log(`SKIP ${name}: ${e.message}`)
        } else {
          await page.screenshot({ path: join(shots, `FAILED-${prefix}${name}.png`), fullPage: true }).catch(() => {})
          results.failed.push({ name, error: String(e?.stack ?? e) })
          console.log(`FAIL ${name}: ${e?.stack ?? e}`)
        }
      } finally {
        await context.close()
      }
    }
  } finally {
    await browser.close()
  }
  writeFileSync(join(shots, resultsFile), JSON.stringify(results, null, 2))
  console.log(JSON.stringify(results.figures))
  return results
}
