import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, toApiError } from '../api/errors'
import { addMessages, setLocale, t } from '../i18n'
import { addDays, dateIn, formatInstant, formatMoney } from '../time'

describe('the error envelope', () => {
  it('keeps code, message and trace id', () => {
    const e = toApiError(409, { code: 'SOLD_OUT', message: 'No places left', traceId: 'abc' })
    expect(e).toBeInstanceOf(ApiError)
    expect([e.status, e.code, e.message, e.traceId]).toEqual([409, 'SOLD_OUT', 'No places left', 'abc'])
  })

  it('still says something useful for a body that is not the envelope', () => {
    const e = toApiError(502, '<html>bad gateway</html>', new Headers({ 'X-Request-Id': 'rid-1', 'Retry-After': '3' }))
    expect([e.code, e.traceId, e.retryAfterSeconds]).toEqual(['HTTP_502', 'rid-1', 3])
    expect(e.message).toContain('502')
  })
})

describe('i18n', () => {
  afterEach(() => setLocale('zh-CN'))

  it('is Chinese by default, English when switched, with parameters', () => {
    addMessages({ 'zh-CN': { 'x.hello': '你好，{name}' }, en: { 'x.hello': 'Hello, {name}' } })
    expect(t('x.hello', { name: '张三' })).toBe('你好，张三')
    setLocale('en')
    expect(t('x.hello', { name: 'Li' })).toBe('Hello, Li')
  })

  it('falls back to the other language, then to the key, never blank', () => {
    addMessages({ 'zh-CN': { 'x.only': '只有中文' }, en: {} })
    setLocale('en')
    expect(t('x.only')).toBe('只有中文')
    expect(t('x.missing')).toBe('x.missing')
  })
})

describe('time at the hospital', () => {
  it('takes "today" in the hospital zone, not the browser one', () => {
    // 2026-12-01 17:30 UTC is already 12-02 in Shanghai
    expect(dateIn('Asia/Shanghai', new Date('2026-12-01T17:30:00Z'))).toBe('2026-12-02')
    expect(dateIn('UTC', new Date('2026-12-01T17:30:00Z'))).toBe('2026-12-01')
  })

  it('shows instants as the hospital wall clock', () => {
    expect(formatInstant('2026-12-01T01:05:00Z', 'Asia/Shanghai')).toBe('2026-12-01 09:05')
    expect(formatInstant(null)).toBe('')
  })

  it('adds calendar days across months', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
  })

  it('shows money in yuan from cents', () => {
    expect(formatMoney(129900)).toBe('¥1299.00')
  })
})

describe('the API client', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    sessionStorage.clear()
  })

  it('sends the token, a tester lane, and turns a refusal into the envelope; a 401 signs out', async () => {
    const { api, unwrap } = await import('../api/client')
    const { remember, session, whenUnauthenticated } = await import('../session')
    const { chooseLane, requestLog } = await import('../lanes')
    const seen: Request[] = []
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      seen.push(req)
      if (seen.length === 1) {
        return new Response(JSON.stringify([]), { status: 200, headers: { 'Content-Type': 'application/json', 'X-Lane-Path': 'booking-service:gray' } })
      }
      return new Response(JSON.stringify({ code: 'UNAUTHENTICATED', message: 'Sign in first', traceId: 't-2' }), { status: 401, headers: { 'Content-Type': 'application/json' } })
    }))
    remember({ token: 'tok', persona: 'TESTER', tenantId: null, expiresAt: '2999-01-01T00:00:00Z', username: 'tester1' })
    chooseLane('gray')
    let signedOut = false
    whenUnauthenticated(() => { signedOut = true })

    await unwrap(api.GET('/api/app/hospitals'))
    expect(seen[0].headers.get('Authorization')).toBe('Bearer tok')
    expect(seen[0].headers.get('X-Lane')).toBe('gray')
    expect(requestLog.value[0]).toMatchObject({ method: 'GET', path: '/api/app/hospitals', status: 200, lane: 'gray', lanePath: 'booking-service:gray' })

    const failure = await unwrap(api.GET('/api/app/hospitals')).catch((e: unknown) => e)
    expect(failure).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', traceId: 't-2' })
    expect(signedOut).toBe(true)
    expect(session.value).toBeNull()
    chooseLane('')
  })

  it('sends no lane for anyone but a tester', async () => {
    const { api, unwrap } = await import('../api/client')
    const { remember } = await import('../session')
    const { chooseLane } = await import('../lanes')
    const seen: Request[] = []
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      seen.push(req)
      return new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } })
    }))
    remember({ token: 'tok', persona: 'DESK', tenantId: 'H001', expiresAt: '2999-01-01T00:00:00Z', username: 'desk.h001' })
    chooseLane('gray')
    await unwrap(api.GET('/api/desk/arrivals', { params: { query: { date: '2026-12-02' } } }))
    expect(seen[0].headers.get('X-Lane')).toBeNull()
    chooseLane('')
  })

  it('says a dropped connection is a network error, not a crash', async () => {
    const { api, unwrap } = await import('../api/client')
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    const failure = await unwrap(api.GET('/api/app/hospitals')).catch((e: unknown) => e)
    expect(failure).toMatchObject({ status: 0, code: 'NETWORK' })
  })
})

describe('the zone pages show times in', () => {
  it("follows the signed-in user's hospital and refuses a zone that is not one", async () => {
    const { useZone, zone, formatInstant: fmt } = await import('../time')
    useZone('Asia/Urumqi')
    expect(fmt('2026-12-01T01:05:00Z')).toBe('2026-12-01 07:05')
    useZone('Mars/Olympus')
    expect(zone.value).toBe('Asia/Shanghai')
  })
})

describe('a downloaded file', () => {
  it("is saved under the server's name, never a path", async () => {
    const { savedName } = await import('../api/client')
    expect(savedName('attachment; filename=report-B1.pdf')).toBe('report-B1.pdf')
    expect(savedName('attachment; filename="../../etc/passwd"')).toBe('passwd')
    expect(savedName("attachment; filename*=UTF-8''%E4%BD%93%E6%A3%80.pdf")).toBe('体检.pdf')
    expect(savedName(null)).toBeNull()
  })
})
