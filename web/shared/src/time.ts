import { ref } from 'vue'

/** Hospitals in the demo catalogue are all in China: the zone until the signed-in user's hospital says its own. */
export const DEFAULT_ZONE = 'Asia/Shanghai'

/** The zone dates and times are shown in: the desk's hospital's, once known (`useZone`). */
export const zone = ref(DEFAULT_ZONE)

export function useZone(z: string | null | undefined): void {
  zone.value = z && isZone(z) ? z : DEFAULT_ZONE
}

function isZone(z: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: z })
    return true
  } catch {
    return false
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone: "today" at the hospital, not in the browser. */
export function dateIn(timeZone: string = zone.value, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/** An ISO date plus n days, by the calendar (no zone arithmetic involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** An ISO instant shown as the hospital's wall-clock time, e.g. "2026-12-02 09:30". */
export function formatInstant(iso: string | null | undefined, timeZone: string = zone.value): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

export function formatMoney(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return ''
  return `¥${(cents / 100).toFixed(2)}`
}

/** How far the server's clock is ahead of this device's, from the `Date` header of its answers (phones' clocks drift). */
let serverOffsetMs = 0

export function noteServerDate(header: string | null | undefined, receivedAt: number = Date.now()): void {
  if (!header) return
  const server = Date.parse(header)
  if (Number.isNaN(server)) return
  // the header has whole seconds: only a difference of more than a couple of seconds is the clock, not rounding
  const offset = server - receivedAt
  serverOffsetMs = Math.abs(offset) > 2000 ? offset : 0
}

/** Now by the server's clock: what a hold's expiry is counted down against. */
export function serverNow(): number {
  return Date.now() + serverOffsetMs
}
