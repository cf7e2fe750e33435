// Browser tests of the workbench against a running platform (as `./checkup up` or the e2e module starts it), in
// Debian's Chromium driven by playwright-core. Each scenario signs in as its persona and does a user's task through
// the pages; screenshots of every page go to CHECKUP_SCREENSHOTS. Exit code 0 only when every scenario passed.
//
//   CHECKUP_URL=http://127.0.0.1:9195 CHECKUP_SCREENSHOTS=/tmp/shots node e2e/run.mjs
// What the scenarios need (a paid booking for today) is made first through the API (prepare.mjs).
// The consumer app's scenarios run with app-run.mjs.
import { join } from 'node:path'
import { scenarios } from './scenarios.mjs'
import { prepare } from './prepare.mjs'
import { runScenarios } from './harness.mjs'

const base = process.env.CHECKUP_URL ?? 'http://127.0.0.1:9195'
const shots = process.env.CHECKUP_SCREENSHOTS ?? join(process.cwd(), 'e2e', 'out')
const data = await prepare(base)
const results = await runScenarios({
  scenarios, data, base, shots, resultsFile: 'results.json',
  only: process.env.CHECKUP_E2E_ONLY?.split(','),
  contextOptions: { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
})
process.exit(results.failed.length === 0 && results.passed.length > 0 ? 0 : 1)
