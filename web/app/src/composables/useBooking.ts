import { onScopeDispose, ref, type Ref } from 'vue'
import { ApiError, backoff, isOnline, pause, useLoad, whenOnline } from '@checkup/shared'
import { calls, type Booking } from '../api'
import { inbox } from './useInbox'

/**
 * One booking, kept current without a reload: loaded, reloaded when the network comes back, when a notice about it
 * arrives in the inbox (confirmed, report ready, refunded), and — while a change is on its way (paid, waiting for
 * CONFIRMED) — polled with backoff until it shows.
 */
export function useBooking(id: Ref<string>) {
  const booking = useLoad<Booking | null>(() => calls.booking(id.value), null, { reconnect: true })
  const following = ref(false)
  let stopFollowing: AbortController | null = null

  const off = inbox.onArrival((fresh) => {
    if (fresh.some((n) => n.bookingId === id.value)) void booking.reload()
  })

  /** Polls until `done(booking)` (or `timeoutMs`): the answer to a payment, a cancel's refund. */
  async function follow(done: (b: Booking) => boolean, timeoutMs = 120_000): Promise<Booking | null> {
    stopFollowing?.abort()
    const ctl = new AbortController()
    stopFollowing = ctl
    following.value = true
    const until = Date.now() + timeoutMs
    let round = 0
    try {
      while (!ctl.signal.aborted && Date.now() < until) {
        if (booking.data.value && done(booking.data.value)) return booking.data.value
        round++
        await pause(Math.min(4000, 400 * 2 ** Math.min(round, 4)), ctl.signal)
        if (ctl.signal.aborted) break
        if (!isOnline()) await whenOnline(ctl.signal)
        try {
          booking.data.value = await calls.booking(id.value)
          booking.error.value = null
        } catch (e) {
          const err = e instanceof ApiError ? e : ApiError.network(e)
          if (err.status !== 0 && err.status < 500) throw err
          await pause(backoff(round), ctl.signal)
        }
      }
      return booking.data.value && done(booking.data.value) ? booking.data.value : null
    } finally {
      if (stopFollowing === ctl) {
        following.value = false
        stopFollowing = null
      }
    }
  }

  onScopeDispose(() => {
    off()
    stopFollowing?.abort()
  })

  return { ...booking, following, follow, set: (b: Booking) => { booking.data.value = b } }
}
