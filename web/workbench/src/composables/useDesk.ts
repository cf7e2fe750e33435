import { onMounted, watch, type Ref } from 'vue'
import { api, dateIn, unwrap, type components } from '@checkup/shared'
import { useLoad } from '@checkup/shared'

export type Booking = components['schemas']['BookingView']
export type CapacityRow = components['schemas']['CapacityView']

/** The desk's calls, in one place for its pages. The gateway scopes each to the desk's own hospital. */
export const desk = {
  arrivals: (date: string) => unwrap(api.GET('/api/desk/arrivals', { params: { query: { date } } })),
  checkIn: (idOrCode: string) => unwrap(api.POST('/api/desk/bookings/{id}/check-in', { params: { path: { id: idOrCode } } })),
  capacity: (date: string) => unwrap(api.GET('/api/desk/capacity', { params: { query: { date } } })),
  setCapacity: (date: string, period: string, totals: Record<string, number>) =>
    unwrap(api.PUT('/api/desk/capacity', { body: { date, period, totals } })),
  today: () => dateIn(),
}

/** Matches a booking by the examinee's name, check-in code or the last four digits of the phone. */
export function matches(b: Booking, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  if ((b.examineeName ?? '').toLowerCase().includes(q)) return true
  if ((b.checkInCode ?? '').toLowerCase() === q || (b.bookingId ?? '').toLowerCase() === q) return true
  return /^\d{4}$/.test(q) && (b.phoneMasked ?? '').endsWith(q)
}

/** A day's arrivals at the desk, loaded now and again whenever the day changes. */
export function useArrivals(date: Ref<string>) {
  const arrivals = useLoad(() => desk.arrivals(date.value), [] as Booking[])
  watch(date, arrivals.reload)
  onMounted(arrivals.reload)
  return arrivals
}
