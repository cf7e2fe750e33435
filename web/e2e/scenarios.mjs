// What each persona does in the workbench, as a user would: through the pages, never around them.
import assert from 'node:assert/strict'
import { idNumber } from './people.mjs'

const field = (page, name) => page.locator(`input[data-test="${name}"], [data-test="${name}"] input, textarea[data-test="${name}"], [data-test="${name}"] textarea`).first()

async function signIn(page, base, user) {
  await page.goto(`${base}/workbench/`)
  await page.waitForURL(/\/workbench\/login/)
  await field(page, 'username').fill(user)
  await field(page, 'password').fill(`${user}-pass`)
  await page.locator('[data-test="sign-in"]').click()
}

/** Picks an option of an Element Plus select by its visible text, in that select's own list (another select's may still be fading out). */
async function choose(page, selectName, text) {
  await page.locator(`[data-test="${selectName}"]`).click()
  const list = await page.locator(`[data-test="${selectName}"] [aria-controls]`).first().getAttribute('aria-controls')
  await page.locator(`[id="${list}"] .el-select-dropdown__item`, { hasText: text }).first().click()
}

async function toast(page, kind) {
  const m = page.locator(`.el-message--${kind}`).last()
  await m.waitFor()
  return (await m.textContent())?.trim()
}

/** Gzipped JS + CSS the page has loaded so far (the gateway gzips them): a persona's first-page weight. */
async function loadedBytes(page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname))
    .reduce((sum, e) => sum + e.encodedBodySize, 0))
}

/** Vite's dev server (`npm run dev`, for working on the scenarios) serves modules unbundled: sizes mean nothing there. */
function devServer(page) {
  return page.evaluate(() => !!document.querySelector('script[src*="@vite/client"]'))
}

function row(page, table, text) {
  return page.locator(`[data-test="${table}"] .el-table__body tr`, { hasText: text }).first()
}

export const scenarios = {
  async desk({ page, base, data, figures, shot }) {
    const { code, name } = data.desk
    const t0 = Date.now()
    await signIn(page, base, 'desk.h001')
    await page.waitForURL(/\/workbench\/desk\/arrivals/)
    await row(page, 'bookings', code).waitFor()
    figures.loginToArrivalsMs = Date.now() - t0
    figures.deskFirstPageGzipBytes = await loadedBytes(page)
    if (!(await devServer(page))) {
      assert.ok(figures.deskFirstPageGzipBytes < 350 * 1024, `the desk's first page stays under 350 KB gzipped (${figures.deskFirstPageGzipBytes})`)
    }
    assert.match(await page.locator('[data-test="persona"]').textContent(), /医院前台 · .+/)

    // search by the last four digits of the phone, then by name
    await field(page, 'search').fill(data.desk.phoneLast4)
    await row(page, 'bookings', code).waitFor()
    await field(page, 'search').fill(name)
    await row(page, 'bookings', code).waitFor()
    await shot('desk-arrivals')

    // the scanner types the code and Enter: checked in, shown without a reload
    await field(page, 'code').fill(code)
    await field(page, 'code').press('Enter')
    assert.match(await toast(page, 'success'), new RegExp(`${name}.*已签到`))
    await row(page, 'bookings', code).locator('.el-tag', { hasText: '已签到' }).waitFor()
    // a second scan of the same code answers the same state: no error
    await field(page, 'code').fill(code)
    await field(page, 'code').press('Enter')
    await toast(page, 'success')

    // a report dropped onto the booking, with progress; a second upload replaces it
    await row(page, 'bookings', code).locator('[data-test="report"]').click()
    const pdf = Buffer.from(`%PDF-1.4\n% report for ${code}\n${'x'.repeat(200_000)}\n%%EOF\n`)
    await page.locator('.el-dialog input[type=file]').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf })
    await page.locator('[data-test="report-info"]', { hasText: 'report.pdf' }).waitFor()
    await page.locator('.el-dialog input[type=file]').setInputFiles({ name: 'report-v2.pdf', mimeType: 'application/pdf', buffer: pdf })
    await page.locator('[data-test="report-info"]', { hasText: 'report-v2.pdf' }).waitFor()
    await page.locator('.el-dialog input[type=file]').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') })
    await page.locator('.el-dialog [data-test="error"]', { hasText: 'PDF' }).waitFor()
    await shot('desk-report')
    await page.keyboard.press('Escape')

    // capacity: raise today's morning places, then try to go below what is booked: refused, and said why
    await page.locator('[data-test="menu-capacity"]').click()
    const today = data.desk.date
    const cell = page.locator(`[data-test="cap-${today}-${data.desk.period}-TOTAL"]`)
    await cell.waitFor()
    const [used, total] = (await cell.textContent()).split('/').map((s) => Number(s.trim()))
    assert.ok(used >= 1, `today's ${data.desk.period} shows the booking (${used}/${total})`)
    await cell.locator('xpath=ancestor::tr').locator('[data-test="edit-capacity"]').click()
    await field(page, 'total-TOTAL').fill(String(total + 5))
    await page.locator('[data-test="save-capacity"]').click()
    await toast(page, 'success')
    await page.locator(`[data-test="cap-${today}-${data.desk.period}-TOTAL"]`, { hasText: `${used} / ${total + 5}` }).waitFor()
    await cell.locator('xpath=ancestor::tr').locator('[data-test="edit-capacity"]').click()
    await field(page, 'total-TOTAL').fill('0')
    await page.locator('[data-test="below-booked"]').waitFor()
    await page.locator('[data-test="save-capacity"]').click()
    await page.locator('.el-dialog [data-test="error"]').waitFor()
    await shot('desk-capacity-refused')
    await page.keyboard.press('Escape')
    await shot('desk-capacity')

    await page.locator('[data-test="menu-tasks"]').click()
    await page.locator('[data-test="tasks"]').waitFor()
    await shot('desk-tasks')
    await page.locator('[data-test="menu-no-shows"]').click()
    await page.locator('.el-table').first().waitFor()
    await shot('desk-no-shows')

    // an HR page is not the desk's: said so, not shown
    await page.goto(`${base}/workbench/hr/campaigns`)
    await page.locator('[data-test="forbidden"]').waitFor()
  },

  async hr({ page, base, data, figures, shot }) {
    await signIn(page, base, 'hr.acme')
    await page.waitForURL(/\/workbench\/hr\/campaigns/)
    await page.locator('[data-test="campaigns"]').waitFor()
    figures.hrFirstPageGzipBytes = await loadedBytes(page)
    await shot('hr-campaigns')
    const name = `Browser campaign ${Date.now()}`
    await page.locator('[data-test="new-campaign"]').click()
    await field(page, 'campaign-name').fill(name)
    await choose(page, 'campaign-hospital', '') // the first hospital the company has an agreement with
    await page.locator('[data-test="campaign-packages"] label', { has: page.locator(`input[value="${data.hr.packageId}"]`) }).click()
    await shot('hr-campaign-new')
    await page.locator('[data-test="create-campaign"]').click()
    await toast(page, 'success')
    await row(page, 'campaigns', name).waitFor()
    await row(page, 'campaigns', name).locator('[data-test="campaign-link"]').click()
    await page.waitForURL(/\/workbench\/hr\/campaigns\/.+/)

    const lines = ['employee_no,name,gender,birth_date,id_number,phone,package']
    for (let i = 0; i < 30; i++) {
      // an odd sequence digit: a man's id, agreeing with MALE
      lines.push(`E${1000 + i},员工${i},MALE,1990-01-15,${idNumber('19900115', 101 + 2 * i)},139${String(10000000 + i)},${data.hr.packageId}`)
    }
    lines.push(`E9999,坏行,MALE,1990-01-15,123,139000,${data.hr.packageId}`)
    await page.locator('[data-test="roster-drop"] input[type=file]').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) })
    await page.locator('[data-test="roster-progress"] .el-progress-bar').waitFor()
    await page.locator('[data-test="roster-counts"]', { hasText: '已处理 31/31' }).waitFor({ timeout: 60_000 })
    await row(page, 'roster-errors', 'E9999').waitFor()
    await page.locator('[data-test="counts-chart"] canvas').waitFor()
    await row(page, 'employees', 'E1000').waitFor()
    await shot('hr-campaign')

    // the campaign is called off: confirmed first, then shown cancelled without a reload
    await page.locator('button', { hasText: '返回列表' }).click()
    await row(page, 'campaigns', name).locator('button', { hasText: '取消项目' }).click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await row(page, 'campaigns', name).locator('.el-tag', { hasText: '已取消' }).waitFor()
  },

  async ops(ctx) {
    try {
      await opsDay(ctx)
    } finally {
      // whatever happened, the platform is left as it was: no release of gray, H002's flag at its default
      const { token } = await api(ctx.base, 'POST', '/api/auth/login', null, { username: 'ops1', password: 'ops1-pass' })
      const rules = await api(ctx.base, 'GET', '/api/ops/lane-rules', token)
      await api(ctx.base, 'PUT', '/api/ops/lane-rules', token, { ...rules, percentages: {} })
      await api(ctx.base, 'PUT', '/api/ops/flags/H002/booking-window-days', token, { value: null })
    }
  },

  async tester({ page, base, figures, shot }) {
    await signIn(page, base, 'tester1')
    await page.waitForURL(/\/workbench\/tester\/console/)
    await page.locator('[data-test="lane-input"]').waitFor()
    figures.testerFirstPageGzipBytes = await loadedBytes(page)
    await field(page, 'lane-input').fill('gray')
    await page.locator('[data-test="lane-apply"]').click()
    await page.locator('[data-test="lane-current"]', { hasText: 'gray' }).waitFor()
    await page.locator('[data-test="load-hospitals"]').click()
    await page.locator('[data-test="request-log"] [data-test="hop"]', { hasText: 'booking-service @ gray' }).first().waitFor()
    await choose(page, 'console-hospital', '')
    await choose(page, 'console-package', '')
    await page.locator('[data-test="availability"]').waitFor()
    await shot('tester-console')
    // back to the baseline: the next call's hop says so
    await field(page, 'lane-input').fill('')
    await page.locator('[data-test="lane-apply"]').click()
    await page.locator('[data-test="load-hospitals"]').click()
    await page.locator('[data-test="request-log"] .el-table__body tr').first().locator('[data-test="hop"]', { hasText: 'booking-service @ baseline' }).waitFor()

    // English at a click, kept for the next visit
    await choose(page, 'locale', 'English')
    await page.locator('[data-test="menu-console"]', { hasText: 'Test console' }).waitFor()
    await page.reload()
    await page.locator('[data-test="menu-console"]', { hasText: 'Test console' }).waitFor()
    await shot('tester-console-en')
  },
}

async function opsDay({ page, base, data, figures, shot }) {
  await signIn(page, base, 'ops1')
  await page.waitForURL(/\/workbench\/ops\/flags/)
  await page.locator('[data-test="flags"] .el-table__body tr').first().waitFor()
  figures.opsFirstPageGzipBytes = await loadedBytes(page)
  await choose(page, 'flag-hospital', 'H002')
  await page.locator('[data-test="flag-edit-booking-window-days"]').click()
  const input = page.locator('[data-test="flags"] .el-table__body tr', { hasText: 'booking-window-days' }).locator('input').first()
  await input.fill('90')
  await page.locator('[data-test="flag-save-booking-window-days"]').click()
  await toast(page, 'success')
  await page.locator('[data-test="flag-value-booking-window-days"]', { hasText: '90' }).waitFor()
  await row(page, 'audit', 'H002.booking-window-days').waitFor()
  // a value of the wrong kind is refused and the page says why
  await page.locator('[data-test="flag-edit-hold-expiry"]').click()
  await page.locator('[data-test="flag-input-hold-expiry"] input, input[data-test="flag-input-hold-expiry"]').first().fill('banana')
  await page.locator('[data-test="flag-save-hold-expiry"]').click()
  assert.match(await toast(page, 'error'), /hold-expiry/)
  await shot('ops-flags')
  // back to the default, audited too
  await page.locator('[data-test="flags"] .el-table__body tr', { hasText: 'booking-window-days' }).locator('button', { hasText: '恢复默认' }).click()
  await page.locator('[data-test="flag-value-booking-window-days"]', { hasText: '沿用默认' }).waitFor()

  // release the gray lane to some users, then back to testers only
  await page.locator('[data-test="menu-lanes"]').click()
  await page.locator('[data-test="release-gray"]').waitFor()
  const share = (await page.locator('[data-test="some-gray"]').textContent()).match(/(\d+)%/)[1]
  await page.locator('[data-test="some-gray"]').click()
  await page.locator('[data-test="stage-gray"]', { hasText: `${share}% 用户` }).waitFor()
  await shot('ops-lanes')
  await page.locator('[data-test="release-gray"] button', { hasText: '仅测试' }).click()
  await page.locator('[data-test="stage-gray"]', { hasText: '仅测试人员' }).waitFor()

  await page.locator('[data-test="menu-flags"]').click()
  await row(page, 'audit', 'lane-rules').waitFor()
  await page.locator('[data-test="menu-sync"]').click()
  await row(page, 'sync', 'H001').waitFor()
  await shot('ops-sync')
  await page.locator('[data-test="menu-messages"]').click()
  await page.locator('[data-test="dead-letters"]').waitFor()
  await shot('ops-messages')
  // a recipient's notices, newest first
  await page.locator('[data-test="message-tabs"] .el-tabs__item', { hasText: '按接收人查询' }).click()
  await field(page, 'recipient').fill(data.ops.recipient)
  await field(page, 'recipient').press('Enter')
  await page.locator('[data-test="recipient-messages"] .el-table__body tr').first().waitFor()

  // the manual task of a booking at a hospital without a system: found by its booking, claimed, resolved
  await page.locator('[data-test="menu-tasks"]').click()
  await field(page, 'task-booking').fill(data.ops.manualBookingId)
  const task = row(page, 'tasks', data.ops.manualBookingId)
  const until = Date.now() + 30_000
  while (!(await task.isVisible())) {
    // the task is opened by hospital-sync after the payment: search again until it is there
    if (Date.now() > until) throw new Error(`no manual task for ${data.ops.manualBookingId}`)
    await field(page, 'task-booking').press('Enter')
    await page.waitForTimeout(500)
  }
  await task.locator('[data-test="claim"]').click()
  await task.locator('.el-tag', { hasText: '处理中' }).waitFor()
  await task.locator('[data-test="resolve"]').click()
  await field(page, 'note').fill('已电话联系医院，按时到检')
  await page.locator('[data-test="confirm-resolve"]').click()
  await task.locator('.el-tag', { hasText: '已解决' }).waitFor()
  await task.getByText('已处理').waitFor()
  await page.locator('[data-test="confirm-resolve"]').waitFor({ state: 'detached' })
  await shot('ops-tasks')
}

async function api(base, method, path, token, body) {
  const r = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
  return r.status === 204 ? null : r.json()
}
