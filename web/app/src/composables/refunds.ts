/**
 * Refunds this device asked for by cancelling a paid booking, so the booking says "refund on its way" until the
 * inbox says it came back (a booking's own view does not carry its payment). Kept per tab.
 */
const KEY = 'checkup.app.refunds'

function all(): Record<string, number> {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, number>
  } catch {
    return {}
  }
}

export function expectRefund(bookingId: string, cents: number): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...all(), [bookingId]: cents }))
}

export function expectedRefund(bookingId: string): number | null {
  return all()[bookingId] ?? null
}
