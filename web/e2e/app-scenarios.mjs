// What a consumer does in the app on a phone, through the pages: browse → book → pay → confirmed → check-in code,
// move it; cancel with the refund said; redeem a company code; a notice arriving in the open inbox; the network cut
// while a booking is sent, and back; the hospital list on a slow connection.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { call, paidBooking } from './prepare.mjs'
import { examinee } from './people.mjs'
import { inDays, login } from './app-prepare.mjs'
import { Skip } from './harness.mjs'

const input = (page, name) => page.locator(`[data-test="${name}"] input`).first()

async function signIn(page, base, user) {
  await page.goto(`${base}/app/`)
  await page.waitForURL(/\/app\/login/)
  await input(page, 'username').fill(user)
  await input(page, 'password').fill(`${user}-pass`)
  await page.locator('[data-test="sign-in"]').click()
  await page.waitForURL(/\/app\/hospitals/)
}

/** Gzipped JS + CSS the page has loaded so far (the gateway gzips them). */
function loadedBytes(page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname))
    .reduce((sum, e) => sum + e.encodedBodySize, 0))
}

function devServer(page) {
  return page.evaluate(() => !!document.querySelector('script[src*="@vite/client"]'))
}

async function pickSlot(page, scope, date, period) {
  await page.locator(`${scope} [data-test="day-${date}"]`).click()
  await page.locator(`${scope} [data-test="period-${period}"]`).click()
}

async function fillExaminee(page, e) {
  await input(page, 'name').fill(e.name)
  await input(page, 'id-number').fill(e.idNumber)
  await input(page, 'phone').fill(e.phone)
  await input(page, 'phone').blur()
}

const bookingIdOf = (page) => new URL(page.url()).pathname.split('/').pop()

/** The consumer's bookings of an examinee on a day, as the platform holds them. */
async function bookingsOf(base, token, name, date) {
  return (await call(base, 'GET', '/api/app/bookings', token)).filter((b) => b.examineeName === name && b.date === date)
}

export const appScenarios = {
  async book({ page, base, figures, shot }) {
    await page.goto(`${base}/app/`)
    await page.waitForURL(/\/app\/login/)
    await page.locator('[data-test="sign-in"]').waitFor()
    await shot('app-login')
    // every call says the app's version (lane rules can pin a version to a lane)
    const versions = new Set()
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) versions.add(r.headers()['x-app-version'] ?? 'none') })
    const t0 = Date.now()
    await signIn(page, base, 'consumer1')
    await page.locator('[data-test="hospital-H001"]').waitFor()
    figures.appLoginToHospitalsMs = Date.now() - t0
    figures.appFirstPageGzipBytes = await loadedBytes(page)
    if (!(await devServer(page))) {
      assert.ok(figures.appFirstPageGzipBytes < 200 * 1024, `the first page stays under 200 KB gzipped (${figures.appFirstPageGzipBytes})`)
    }
    await shot('app-hospitals')

    // a hospital's packages: for a 24-year-old man, the women's and the CT packages say why not (not hidden)
    await page.locator('[data-test="hospital-H001"]').click()
    await page.locator('[data-test="package-H001-CT"]').waitFor()
    await page.locator('[data-test="who-MALE"]').click()
    await input(page, 'who-age').fill('24')
    await page.locator('[data-test="package-H001-WOMEN"] [data-test="unsuitable"]', { hasText: '仅限女性' }).waitFor()
    await page.locator('[data-test="package-H001-CT"] [data-test="unsuitable"]', { hasText: '25 岁' }).waitFor()
    assert.ok(await page.locator('[data-test="package-H001-CT"] [data-test="choose"]').isDisabled())
    await shot('app-packages')
    await page.locator('[data-test="package-H001-BASIC"] [data-test="choose"]').click()

    // the calendar of free places: a day, a period
    const day = inDays(3)
    await page.locator(`[data-test="day-${day}"]`, { hasText: '余' }).waitFor()
    await pickSlot(page, '[data-test="calendar"]', day, 'MORNING')
    await page.locator('[data-test="chosen"]', { hasText: day }).waitFor()
    await shot('app-calendar')
    await page.locator('[data-test="next"]').click()
    await page.waitForURL(/\/app\/book\?/)

    // the examinee: a typing error in the ID is said at once, before anything is sent
    const who = examinee('19880512', 'MALE')
    const wrong = who.idNumber.slice(0, 17) + (who.idNumber[17] === '0' ? '1' : '0')
    await fillExaminee(page, { ...who, idNumber: wrong })
    await page.locator('[data-test="id-number"]', { hasText: '校验位' }).waitFor()
    await shot('app-book-checks')
    await input(page, 'id-number').fill(who.idNumber)
    await page.locator('[data-test="id-number"]', { hasText: '校验位' }).waitFor({ state: 'detached' })
    // gender and birth date come from the ID
    assert.equal(await input(page, 'birth-date').inputValue(), who.birthDate)
    const keys = []
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/app/bookings')) keys.push(r.headers()['idempotency-key']) })
    await shot('app-book')
    await page.locator('[data-test="submit"] button').click()

    // held: a countdown to pay
    await page.waitForURL(/\/app\/bookings\/[^/?]+/)
    const bookingId = bookingIdOf(page)
    await page.locator('[data-test="countdown"]').waitFor()
    await page.locator('[data-test="booking"] [data-test="status"]', { hasText: '待支付' }).waitFor()
    assert.equal(keys.length, 1)
    await shot('app-hold')

    // pay: the booking turns CONFIRMED on the page, without a reload, and the check-in code shows
    await page.evaluate(() => { window.__notReloaded = true })
    await page.locator('[data-test="pay"]').click()
    await page.locator('[data-test="checkin-code"]').waitFor({ timeout: 60_000 })
    await page.locator('[data-test="booking"] [data-test="status"]', { hasText: '待体检' }).waitFor()
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'confirmed without reloading the page')
    await page.locator('[data-test="checkin-qr"]').waitFor()
    const token = await login(base, 'consumer1')
    const held = await call(base, 'GET', `/api/app/bookings/${bookingId}`, token)
    assert.equal(held.status, 'CONFIRMED')
    assert.equal((await page.locator('[data-test="checkin-code"]').textContent()).replace(/\s/g, ''), held.checkInCode)
    await page.locator('[data-test="step-CONFIRMED"]').waitFor()
    await shot('app-confirmed')

    // move it to another day: the answer replaces what the page shows
    const later = inDays(5)
    await page.locator('[data-test="reschedule"]').click()
    await pickSlot(page, '[data-test="reschedule-popup"]', later, 'AFTERNOON')
    await shot('app-reschedule')
    await page.locator('[data-test="reschedule-confirm"]').click()
    await page.locator('[data-test="slot"]', { hasText: later }).waitFor()
    assert.equal((await call(base, 'GET', `/api/app/bookings/${bookingId}`, token)).date, later)

    // back: the package it was booked from (the form was replaced by the booking); the bookings tab lists it
    await page.locator('[data-test="nav"] .van-nav-bar__left').click()
    await page.waitForURL(/\/app\/hospitals\/H001\/packages\/H001-BASIC/)
    await page.goto(`${base}/app/bookings`)
    await page.locator(`[data-test="booking-${bookingId}"]`).waitFor()
    await shot('app-bookings')
    assert.deepEqual([...versions], [JSON.parse(await readFile(new URL('../app/package.json', import.meta.url), 'utf8')).version])
  },

  async cancel({ page, base, data, shot }) {
    const { bookingId } = data.cancel
    await signIn(page, base, 'consumer1')
    await page.locator('[data-test="tab-bookings"]').click()
    await page.locator(`[data-test="booking-${bookingId}"]`).click()
    await page.waitForURL(new RegExp(`/app/bookings/${bookingId}`))
    await page.locator('[data-test="booking"] [data-test="status"]', { hasText: '待体检' }).waitFor()
    await page.locator('[data-test="deadline"]', { hasText: '18:00' }).waitFor()
    await page.locator('[data-test="cancel"]').click()
    // the refund is said before the user confirms
    await page.locator('.van-dialog', { hasText: '全额退款 ¥499.00' }).waitFor()
    await shot('app-cancel-confirm')
    await page.locator('.van-dialog__confirm').click()
    await page.locator('[data-test="booking"] [data-test="status"]', { hasText: '已取消' }).waitFor()
    await page.locator('[data-test="timeline"]', { hasText: /退款 ¥499\.00/ }).waitFor()
    const token = await login(base, 'consumer1')
    assert.equal((await call(base, 'GET', `/api/app/bookings/${bookingId}`, token)).status, 'CANCELLED')
    if (await inboxDeployed(base, token)) {
      // the refund notice comes through the inbox; the timeline then says it is done
      await page.locator('[data-test="step-REFUNDED"]', { hasText: '已退款 ¥499.00' }).waitFor({ timeout: 60_000 })
    }
    await shot('app-cancelled')

    // English at a tap, kept for the next visit
    await page.locator('[data-test="nav"] .van-nav-bar__left').click()
    await page.locator('[data-test="tab-me"]').click()
    await page.locator('[data-test="language"]').click()
    await page.locator('[data-test="tab-bookings"]', { hasText: 'Bookings' }).waitFor()
    await page.reload()
    await page.locator('[data-test="tab-bookings"]', { hasText: 'Bookings' }).waitFor()
    await shot('app-me-en')
    await page.locator('[data-test="language"]').click()
  },

  async report({ page, base, data, shot }) {
    const { bookingId } = data.report
    await signIn(page, base, 'consumer1')
    await page.goto(`${base}/app/bookings/${bookingId}`)
    await page.locator('[data-test="booking"] [data-test="status"]', { hasText: '报告已出' }).waitFor()
    await page.locator('[data-test="step-CHECKED_IN"]').waitFor()
    await shot('app-report')
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="report"]').click()])
    assert.equal(download.suggestedFilename(), 'report.pdf')
    const body = await readFile(await download.path(), 'utf8')
    assert.ok(body.startsWith('%PDF') && body.includes(bookingId), 'the examinee gets their own report')
  },

  async redeem({ page, base, data, shot }) {
    await signIn(page, base, 'consumer1')
    await page.locator('[data-test="to-redeem"]').click()
    await page.waitForURL(/\/app\/redeem/)
    // typed as a person might: lower case, with a dash
    const typed = `${data.code.slice(0, 5)}-${data.code.slice(5)}`.toLowerCase()
    await input(page, 'code').fill(typed)
    await page.locator('[data-test="look"]').click()
    await page.locator('[data-test="entitlement-status"]', { hasText: '未预约' }).waitFor()
    const day = inDays(1)
    await page.locator(`[data-test="day-${day}"]`, { hasText: '余' }).click()
    const period = (await page.locator('[data-test="period-MORNING"]').isDisabled()) ? 'AFTERNOON' : 'MORNING'
    await page.locator(`[data-test="period-${period}"]`).click()
    await shot('app-redeem')
    await page.locator('[data-test="redeem-book"] button').click()
    await page.waitForURL(/\/app\/bookings\/[^/?]+/)
    await page.locator('[data-test="booking"] [data-test="status"]', { hasText: '待体检' }).waitFor()
    await page.locator('[data-test="checkin-code"]').waitFor()
    await page.locator('[data-test="booking"]', { hasText: '费用由公司支付' }).waitFor()
    await page.locator('[data-test="reschedule"]').waitFor({ state: 'detached' })
    await shot('app-redeem-booked')
    const token = await login(base, 'consumer1')
    assert.equal((await call(base, 'GET', `/api/app/entitlements/${data.code}`, token)).status, 'BOOKED')
  },

  async inbox({ page, base, figures, shot }) {
    const token = await login(base, 'consumer2')
    if (!(await inboxDeployed(base, token))) throw new Skip('the inbox back end (GET /api/app/inbox) is not in this gateway yet')
    await signIn(page, base, 'consumer2')
    await page.locator('[data-test="tab-inbox"]').click()
    await page.locator('[data-test="inbox-state"]', { hasText: '实时接收中' }).waitFor()
    // the page waits on its long poll; a booking is paid elsewhere (say, on another phone): its notice comes in
    const booking = await paidBooking(base, token, 'H002', inDays(6), examinee('19790823', 'FEMALE'))
    const confirmedAt = Date.now()
    await page.locator(`[data-test="notice-BOOKING_CONFIRMED"][data-booking="${booking.bookingId}"]`).waitFor({ timeout: 40_000 })
    figures.appInboxConfirmedToShownMs = Date.now() - confirmedAt
    await page.locator('.inbox-notify').first().waitFor()
    await shot('app-inbox-arrived')
    await page.locator('.inbox-notify').first().waitFor({ state: 'hidden', timeout: 10_000 })
    await shot('app-inbox')
    // nothing twice: the notice is there once
    assert.equal(await page.locator(`[data-test="notice-BOOKING_CONFIRMED"][data-booking="${booking.bookingId}"]`).count(), 1)
    await call(base, 'POST', `/api/app/bookings/${booking.bookingId}/cancel`, token, {})
  },

  async offline({ page, context, base, figures, shot }) {
    const token = await login(base, 'consumer1')
    const who = examinee('19920704', 'FEMALE')
    const day = inDays(7)
    await signIn(page, base, 'consumer1')
    await page.goto(`${base}/app/book?hospitalId=H001&packageId=H001-BASIC&date=${day}&period=AFTERNOON`)
    await fillExaminee(page, who)
    await page.locator('[data-test="summary"]', { hasText: day }).waitFor()

    // the hold reaches the platform, and then the connection drops before its answer does
    const keys = []
    let cut = false
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/app/bookings')) keys.push(r.headers()['idempotency-key']) })
    await page.route('**/api/app/bookings', async (route) => {
      if (route.request().method() !== 'POST' || cut) return route.fallback()
      cut = true
      await route.fetch() // the platform holds the place...
      await context.setOffline(true) // ...and the phone loses its network with the answer on the way
      await route.abort('internetdisconnected')
    })
    const started = Date.now()
    await page.locator('[data-test="submit"] button').click()
    await page.locator('[data-test="offline"]').waitFor()
    await page.locator('[data-test="submit-waiting"]').waitFor()
    await shot('app-offline')
    await page.waitForTimeout(3000)
    assert.equal(keys.length, 1, 'nothing is sent while offline')

    // the network comes back: the page carries on by itself, with the same key, and lands on the one booking
    await context.setOffline(false)
    await page.waitForURL(/\/app\/bookings\/[^/?]+/, { timeout: 60_000 })
    figures.appOfflineRecoveredMs = Date.now() - started
    const bookingId = bookingIdOf(page)
    await page.locator('[data-test="countdown"]').waitFor()
    await page.locator('[data-test="offline"]').waitFor({ state: 'detached' })
    await shot('app-offline-recovered')
    assert.ok(keys.length >= 2, `sent again after the network came back (${keys.length})`)
    assert.equal(new Set(keys).size, 1, `every try carried the same Idempotency-Key: ${keys}`)
    const made = await bookingsOf(base, token, who.name, day)
    assert.deepEqual(made.map((b) => b.bookingId), [bookingId], 'exactly one booking results')
    // an unpaid hold counts against the consumer's limit: given back
    await call(base, 'POST', `/api/app/bookings/${bookingId}/cancel`, token, {})

    // a tap, offline, on a page whose code is not loaded yet: said, and the page opens by itself once back online
    await page.goto(`${base}/app/me`)
    await page.locator('[data-test="version"]').waitFor()
    await context.setOffline(true)
    await page.locator('[data-test="tab-bookings"]').click()
    await page.locator('.van-toast', { hasText: '网络' }).waitFor()
    await page.waitForTimeout(1000)
    await context.setOffline(false)
    await page.locator(`[data-test="booking-${bookingId}"]`).waitFor()
  },

  async throttled({ page, context, base, figures }) {
    await signIn(page, base, 'consumer2')
    await page.locator('[data-test="hospital-H001"]').waitFor()
    // a cold visit (nothing cached) on a slow mobile network: DevTools' "Fast 3G" (562.5 ms RTT, ~1.44 Mbit/s down)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    for (const [name, latency, down, up] of [['Fast3g', 562.5, 180_000, 84_375], ['Slow4g', 150, 180_000, 84_375]]) {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: down, uploadThroughput: up })
      const t0 = Date.now()
      await page.goto(`${base}/app/hospitals`, { waitUntil: 'commit' })
      await page.locator('[data-test="hospital-H001"]').waitFor({ timeout: 60_000 })
      figures[`appHospitals${name}Ms`] = Date.now() - t0
    }
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    const t0 = Date.now()
    await page.goto(`${base}/app/hospitals`, { waitUntil: 'commit' })
    await page.locator('[data-test="hospital-H001"]').waitFor()
    figures.appHospitalsUnthrottledMs = Date.now() - t0
    figures.appHospitalsTransferBytes = await loadedBytes(page)
  },
}

/** Whether the gateway has the inbox route (it is being built alongside the app). */
async function inboxDeployed(base, token) {
  const r = await fetch(`${base}/api/app/inbox?wait=0`, { headers: { Authorization: `Bearer ${token}` } })
  await r.body?.cancel()
  return r.status !== 404 && r.status !== 405
}
