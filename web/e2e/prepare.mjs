// What the scenarios need from the platform, made through the public API as a consumer would: a booking for today at
// H001, paid, for an examinee of its own (a phone no other test uses), so the desk has someone to check in; and a paid
// booking at H003, a hospital without a system of its own, so ops has a manual task to claim and resolve.
const json = { 'Content-Type': 'application/json' }

export async function call(base, method, path, token, body, headers = {}) {
  const r = await fetch(base + path, {
    method,
    headers: { ...json, ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
  return text ? JSON.parse(text) : null
}

export function shanghaiToday(at = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

export async function paidBooking(base, token, hospitalId, date, examinee) {
  const held = await call(base, 'POST', '/api/app/bookings', token, {
    hospitalId, packageId: `${hospitalId}-BASIC`, date, period: 'MORNING', examinee,
  }, { 'Idempotency-Key': `browser-${crypto.randomUUID()}` })
  await call(base, 'POST', `/api/app/orders/${held.orderId}/pay`, token, { channel: 'SIMULATED' })
  const until = Date.now() + 30_000
  let booking = held
  while (booking.status !== 'CONFIRMED') {
    if (Date.now() > until) throw new Error(`booking ${held.bookingId} not CONFIRMED after paying: ${booking.status}`)
    await new Promise((r) => setTimeout(r, 200))
    booking = await call(base, 'GET', `/api/app/bookings/${held.bookingId}`, token)
  }
  return booking
}

export async function prepare(base) {
  const { token } = await call(base, 'POST', '/api/auth/login', null, { username: 'consumer2', password: 'consumer2-pass' })
  const phoneLast4 = String(Math.floor(Math.random() * 10_000)).padStart(4, '0')
  const name = `欧阳${'明清远'[Math.floor(Math.random() * 3)]}`
  const date = shanghaiToday()
  const examinee = { name, gender: 'FEMALE', birthDate: '1949-12-31', idNumber: '11010519491231002X', phone: `1370000${phoneLast4}` }
  const booking = await paidBooking(base, token, 'H001', date, examinee)
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000)
  const manual = await paidBooking(base, token, 'H003', shanghaiToday(inThreeDays), examinee)
  return {
    desk: { bookingId: booking.bookingId, code: booking.checkInCode, name, phoneLast4, date, period: 'MORNING' },
    hr: { packageId: 'H001-BASIC' },
    ops: { manualBookingId: manual.bookingId, recipient: 'consumer2' },
  }
}
