import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@checkup/shared'
import { createInbox } from '../composables/useInbox'
import type { InboxNotice, InboxPage } from '../composables/inboxApi'

const notice = (id: string, kind = 'BOOKING_CONFIRMED'): InboxNotice => ({ id, kind, bookingId: `B-${id}`, createdAt: `2026-12-02T01:00:0${id}Z`, params: {} })

/** A scripted server: each poll takes the next step; once they run out, polls hang until aborted. */
function server(steps: ((after: string | null, wait: number) => InboxPage | Error)[]) {
  const calls: { after: string | null; wait: number }[] = []
  const poll = vi.fn((after: string | null, wait: number, signal: AbortSignal) => {
    calls.push({ after, wait })
    const step = steps.shift()
    if (!step) {
      return new Promise<InboxPage>((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
    }
    const r = step(after, wait)
    return r instanceof Error ? Promise.reject(r) : Promise.resolve(r)
  })
  return { poll, calls }
}

function setOnline(on: boolean) {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(on)
  window.dispatchEvent(new Event(on ? 'online' : 'offline'))
}

const fast = { baseDelayMs: 5, maxDelayMs: 20, minCycleMs: 5 }
let stop: (() => void) | null = null
afterEach(() => {
  stop?.()
  vi.restoreAllMocks()
})

describe('the inbox, long-polled', () => {
  it('starts with the latest notices at once, then waits from the cursor', async () => {
    const s = server([() => ({ items: [notice('1'), notice('2')], cursor: 'c2' })])
    const inbox = createInbox(s.poll, fast)
    stop = inbox.stop
    inbox.start()
    await vi.waitFor(() => expect(s.calls).toHaveLength(2))
    expect(s.calls).toEqual([{ after: null, wait: 0 }, { after: 'c2', wait: 25 }])
    expect(inbox.items.value.map((n) => n.id)).toEqual(['1', '2'])
    expect(inbox.state.value).toBe('live')
  })

  it('resumes from its last cursor after a drop, shows nothing twice, and tells only of what arrived live', async () => {
    const s = server([
      () => ({ items: [notice('1')], cursor: 'c1' }),
      () => lostAnswer(),
      () => new ApiError(503, 'UNAVAILABLE', 'busy', 't'),
      // the server sends 1 again alongside 2 (say the cursor was older): 1 is not shown twice
      () => ({ items: [notice('1'), notice('2')], cursor: 'c2' }),
      () => ({ items: [notice('2'), notice('3')], cursor: 'c3' }),
    ])
    const arrived: string[] = []
    const inbox = createInbox(s.poll, fast)
    stop = inbox.stop
    inbox.onArrival((fresh) => arrived.push(...fresh.map((n) => n.id ?? '')))
    inbox.start()
    await vi.waitFor(() => expect(s.calls).toHaveLength(6))
    expect(s.calls.map((c) => c.after)).toEqual([null, 'c1', 'c1', 'c1', 'c2', 'c3'])
    expect(inbox.items.value.map((n) => n.id)).toEqual(['1', '2', '3'])
    expect(arrived).toEqual(['2', '3'])
  })

  it('backs off after failures instead of looping tight', async () => {
    const failing = Array.from({ length: 50 }, () => () => lostAnswer())
    const s = server([() => ({ items: [], cursor: 'c0' }), ...failing])
    const inbox = createInbox(s.poll, { baseDelayMs: 40, maxDelayMs: 200 })
    stop = inbox.stop
    inbox.start()
    await new Promise((r) => setTimeout(r, 300))
    // 40, 80, 160, 200 ms (±20 %): a handful of tries in 300 ms, not hundreds
    expect(s.calls.length).toBeLessThan(8)
    expect(inbox.state.value).toBe('retrying')
    expect(inbox.failures.value).toBeGreaterThan(0)
  })

  it('does not spin on a server that answers empty at once', async () => {
    const empty = Array.from({ length: 200 }, () => () => ({ items: [], cursor: 'c0' }))
    const s = server(empty)
    const inbox = createInbox(s.poll, { minCycleMs: 50 })
    stop = inbox.stop
    inbox.start()
    await new Promise((r) => setTimeout(r, 200))
    expect(s.calls.length).toBeLessThan(8)
  })

  it('holds no poll while offline and resumes from the cursor when the network is back', async () => {
    const s = server([() => ({ items: [notice('1')], cursor: 'c1' })])
    const inbox = createInbox(s.poll, fast)
    stop = inbox.stop
    inbox.start()
    await vi.waitFor(() => expect(s.calls).toHaveLength(2)) // the second poll waits on the server
    setOnline(false)
    await vi.waitFor(() => expect(inbox.state.value).toBe('paused'))
    await new Promise((r) => setTimeout(r, 30))
    expect(s.calls).toHaveLength(2)
    setOnline(true)
    await vi.waitFor(() => expect(s.calls).toHaveLength(3))
    expect(s.calls[2]).toEqual({ after: 'c1', wait: 25 })
  })

  it('pauses while the page is hidden', async () => {
    const s = server([() => ({ items: [], cursor: 'c0' })])
    const inbox = createInbox(s.poll, fast)
    stop = inbox.stop
    inbox.start()
    await vi.waitFor(() => expect(s.calls).toHaveLength(2))
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.waitFor(() => expect(inbox.state.value).toBe('paused'))
    visibility.mockReturnValue('visible')
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.waitFor(() => expect(s.calls).toHaveLength(3))
    expect(s.calls[2].after).toBe('c0')
  })

  it('starts afresh when the server no longer knows the cursor, without showing anything twice', async () => {
    const s = server([
      () => ({ items: [notice('1')], cursor: 'c1' }),
      () => new ApiError(400, 'VALIDATION_FAILED', 'after is not a cursor of this inbox', 't'),
      () => ({ items: [notice('1'), notice('2')], cursor: 'c2' }),
    ])
    const inbox = createInbox(s.poll, fast)
    stop = inbox.stop
    inbox.start()
    await vi.waitFor(() => expect(s.calls).toHaveLength(4))
    expect(s.calls.map((c) => c.after)).toEqual([null, 'c1', null, 'c2'])
    expect(inbox.items.value.map((n) => n.id)).toEqual(['1', '2'])
  })

  it('stops for good when the sign-in is gone', async () => {
    const s = server([() => new ApiError(401, 'UNAUTHENTICATED', 'expired', 't')])
    const inbox = createInbox(s.poll, fast)
    inbox.start()
    await vi.waitFor(() => expect(inbox.state.value).toBe('stopped'))
    await new Promise((r) => setTimeout(r, 20))
    expect(s.calls).toHaveLength(1)
  })
})

function lostAnswer(): Error {
  return ApiError.network('Failed to fetch')
}
