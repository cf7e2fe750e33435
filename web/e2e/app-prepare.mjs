// What the consumer app's scenarios need, made through the public API first: a paid booking to cancel, and a company
// entitlement code to redeem. The code reaches an employee only by SMS; the simulated SMS provider records what it
// sent in message-service's database, read here with the MariaDB client that `up` unpacked (CHECKUP_MARIADB,
// CHECKUP_DB_PORT), unless the caller made a code already (CHECKUP_APP_CODE, as AppBrowserIT does).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { call, paidBooking, shanghaiToday } from './prepare.mjs'
import { examinee, idNumber } from './people.mjs'

export const inDays = (n) => shanghaiToday(new Date(Date.now() + n * 86_400_000))

export async function login(base, user) {
  return (await call(base, 'POST', '/api/auth/login', null, { username: user, password: `${user}-pass` })).token
}

/** A code for one employee of a new ACME campaign at H001 (today to today + 5, the basic package). */
async function entitlementCode(base) {
  if (process.env.CHECKUP_APP_CODE) return process.env.CHECKUP_APP_CODE
  const hr = await login(base, 'hr.acme')
  const today = inDays(0)
  const campaign = await call(base, 'POST', '/api/hr/campaigns', hr, {
    name: `App redeem ${Date.now()}`, hospitalId: 'H001', packageIds: ['H001-BASIC'], startDate: today, endDate: inDays(5),
  })
  const employeeNo = `APP${Date.now().toString(36).toUpperCase()}`
  const csv = ['employee_no,name,gender,birth_date,id_number,phone,package',
    `${employeeNo},王小明,MALE,1990-01-15,${idNumber('19900115', 171)},13912345678,H001-BASIC`].join('\n')
  const r = await fetch(`${base}/api/hr/campaigns/${campaign.campaignId}/roster`, {
    method: 'POST', headers: { Authorization: `Bearer ${hr}`, 'Content-Type': 'text/csv' }, body: csv,
  })
  if (!r.ok) throw new Error(`roster upload: ${r.status} ${await r.text()}`)
  const client = process.env.CHECKUP_MARIADB ?? join(process.cwd(), '..', '.local-platform', 'mariadb-binaries', 'bin', 'mariadb')
  if (!existsSync(client)) throw new Error(`no MariaDB client at ${client}: set CHECKUP_APP_CODE or CHECKUP_MARIADB`)
  const sql = 'SELECT d.body FROM checkup_message.simulated_delivery d JOIN checkup_message.message m ON m.id = d.message_id'
    + ` WHERE m.recipient = 'employee:ACME:${employeeNo}' AND m.event_type = 'entitlement.granted'`
  const until = Date.now() + 60_000
  while (Date.now() < until) {
    const out = spawnSync(client, ['--protocol=TCP', '-h127.0.0.1', `-P${process.env.CHECKUP_DB_PORT ?? '3306'}`, '-uroot', '-N', '-B', '-e', sql],
      { encoding: 'utf8' })
    const code = /code ([0-9A-Z]{10})/.exec(out.stdout ?? '')?.[1]
    if (code) return code
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`no entitlement code was sent to employee ${employeeNo} within 60 s`)
}

/** A booking for today, checked in by H001's desk and its report uploaded: COMPLETED, the report ready. */
async function examinedToday(base, token) {
  const booking = await paidBooking(base, token, 'H001', inDays(0), examinee('19700101', 'MALE'))
  const desk = await login(base, 'desk.h001')
  await call(base, 'POST', `/api/desk/bookings/${booking.bookingId}/check-in`, desk)
  const pdf = `%PDF-1.4\n% check-up report of ${booking.bookingId}\n%%EOF\n`
  const r = await fetch(`${base}/api/desk/bookings/${booking.bookingId}/report?fileName=report.pdf`, {
    method: 'POST', headers: { Authorization: `Bearer ${desk}`, 'Content-Type': 'application/pdf' }, body: pdf,
  })
  if (!r.ok) throw new Error(`report upload: ${r.status} ${await r.text()}`)
  const until = Date.now() + 60_000
  while ((await call(base, 'GET', `/api/app/bookings/${booking.bookingId}`, token)).status !== 'COMPLETED') {
    if (Date.now() > until) throw new Error(`booking ${booking.bookingId} not COMPLETED after its report`)
    await new Promise((done) => setTimeout(done, 300))
  }
  return booking.bookingId
}

/**
 * A consumer may hold at most 3 unpaid bookings (flag max-unpaid-holds): holds other tests left are given back until
 * at most 2 remain, so the scenarios' own hold (one at a time) always fits.
 */
async function makeRoom(base, token) {
  const held = (await call(base, 'GET', '/api/app/bookings', token)).filter((b) => b.status === 'HELD')
    .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))
  for (const b of held.slice(0, Math.max(0, held.length - 2))) {
    await call(base, 'POST', `/api/app/bookings/${b.bookingId}/cancel`, token, {})
  }
}

export async function prepareApp(base) {
  const token = await login(base, 'consumer1')
  await makeRoom(base, token)
  await makeRoom(base, await login(base, 'consumer2'))
  const toCancel = await paidBooking(base, token, 'H001', inDays(4), examinee('19850302', 'FEMALE'))
  return {
    cancel: { bookingId: toCancel.bookingId, amountCents: toCancel.amountCents },
    report: { bookingId: await examinedToday(base, token) },
    code: await entitlementCode(base),
  }
}
