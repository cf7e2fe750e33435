import { describe, expect, it, vi, beforeEach } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { mount, flushPromises } from '@vue/test-utils'
import { ApiError, remember, forget, requestLog, setLocale, zone } from '@checkup/shared'
import ErrorNotice from '../components/ErrorNotice.vue'
import RequestLog from '../components/RequestLog.vue'
import { matches, type Booking } from '../composables/useDesk'
import { useAction } from '../composables/useAction'
import '../messages'

vi.mock('element-plus', async (original) => {
  const real = await original<typeof import('element-plus')>()
  return { ...real, ElMessage: Object.assign(vi.fn(), { success: vi.fn(), error: vi.fn(), closeAll: vi.fn() }) }
})

beforeEach(() => setActivePinia(createPinia()))

const booking = (b: Partial<Booking>): Booking => ({ amountCents: 0, ...b }) as Booking

describe('finding an arrival', () => {
  const b = booking({ bookingId: 'b-1', examineeName: '张伟', checkInCode: 'K7M2QX9P', phoneMasked: '139****1234' })

  it('by name, by the whole code, or by the last four phone digits', () => {
    expect(matches(b, '张')).toBe(true)
    expect(matches(b, 'k7m2qx9p')).toBe(true)
    expect(matches(b, '1234')).toBe(true)
    expect(matches(b, '')).toBe(true)
  })

  it('not by a piece of the code or other digits', () => {
    expect(matches(b, 'K7M2')).toBe(false)
    expect(matches(b, '9999')).toBe(false)
    expect(matches(b, '139')).toBe(false)
  })
})

describe('an error shown to the user', () => {
  beforeEach(() => setLocale('en'))

  it('says the envelope message and the trace id; a refusal offers no retry that would only fail again', () => {
    const w = mount(ErrorNotice, { props: { error: new ApiError(409, 'CONFLICT', 'The total is below what is booked', 'trace-42') } })
    expect(w.text()).toContain('The total is below what is booked')
    expect(w.text()).toContain('trace-42')
    expect(w.findAll('button').map((b) => b.text())).not.toContain('Retry')
  })

  it('offers a retry when the platform was unavailable or the network dropped', async () => {
    for (const e of [new ApiError(503, 'UNAVAILABLE', 'Try again', 't'), ApiError.network('Failed to fetch')]) {
      const w = mount(ErrorNotice, { props: { error: e } })
      await w.findAll('button').find((b) => b.text() === 'Retry')!.trigger('click')
      expect(w.emitted('retry')).toHaveLength(1)
    }
  })

  it('says what the persona may not do on a 403', () => {
    const w = mount(ErrorNotice, { props: { error: new ApiError(403, 'FORBIDDEN', 'Only OPS changes flags', 't') } })
    expect(w.text()).toContain('Your role may not do this: Only OPS changes flags')
  })

  it('shows nothing without an error', () => {
    expect(mount(ErrorNotice, { props: { error: null } }).text()).toBe('')
  })
})

describe('a write started by a click', () => {
  it('runs once however often the button is clicked while it is in flight', async () => {
    let release: (v: string) => void = () => {}
    const run = vi.fn(() => new Promise<string>((r) => { release = r }))
    const action = useAction(run, () => 'done')
    const first = action.act()
    void action.act()
    void action.act()
    expect(action.busy.value).toBe(true)
    release('ok')
    expect(await first).toBe('ok')
    expect(run).toHaveBeenCalledTimes(1)
    expect(action.busy.value).toBe(false)
  })

  it('keeps the error of a refused write', async () => {
    const action = useAction(() => Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'bad', 't')))
    expect(await action.act()).toBeUndefined()
    expect(action.error.value?.code).toBe('VALIDATION_FAILED')
  })
})

describe('the tester request log', () => {
  it('shows where each hop ran', async () => {
    setLocale('en')
    requestLog.value = [{ at: '2026-12-02T01:00:00Z', method: 'GET', path: '/api/app/hospitals', status: 200, lane: 'gray', lanePath: 'booking-service:gray,order-service:baseline', traceId: 't', ms: 12 }]
    const w = mount(RequestLog)
    await flushPromises()
    const hops = w.findAll('[data-test="hop"]').map((h) => h.text())
    expect(hops).toEqual(['booking-service @ gray', 'order-service @ baseline'])
  })
})

describe('the menus and the guard', () => {
  it('sends a signed-out user to the login page, remembering the page', async () => {
    forget()
    const { router } = await import('../router')
    await router.push('/ops/flags')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/ops/flags')
  })

  it("keeps a persona out of another persona's pages", async () => {
    remember({ token: 't', persona: 'HR', tenantId: 'ACME', expiresAt: '2999-01-01T00:00:00Z', username: 'hr.acme' })
    const { router, mayOpen, pages } = await import('../router')
    await router.push('/desk/arrivals')
    expect(router.currentRoute.value.name).toBe('forbidden')
    const menu = pages.filter((p) => p.meta?.menu && mayOpen(p.meta.personas)).map((p) => p.name)
    expect(menu).toEqual(['campaigns'])
    forget()
  })
})

describe('landing after sign-in', () => {
  it("takes each persona to its own first page; a desk's in its hospital's zone", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ hospitalId: 'H009', name: '乌鲁木齐体检中心', city: 'Urumqi', timezone: 'Asia/Urumqi' }),
      { status: 200, headers: { 'Content-Type': 'application/json' } })))
    const { router } = await import('../router')
    for (const [persona, page] of [['DESK', 'arrivals'], ['HR', 'campaigns'], ['OPS', 'flags'], ['TESTER', 'console']] as const) {
      remember({ token: 't', persona, tenantId: null, expiresAt: '2999-01-01T00:00:00Z', username: 'u' })
      await router.replace('/login')
      await router.replace('/')
      expect(router.currentRoute.value.name, persona).toBe(page)
    }
    expect(zone.value).toBe('Asia/Urumqi')
    vi.unstubAllGlobals()
    forget()
  })
})
