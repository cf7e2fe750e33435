import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api/errors'
import { useSubmission } from '../submit'

const lost = () => ApiError.network('Failed to fetch')

function setOnline(on: boolean) {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(on)
  window.dispatchEvent(new Event(on ? 'online' : 'offline'))
}

afterEach(() => {
  vi.restoreAllMocks()
  sessionStorage.clear()
})

describe('one tap submits once', () => {
  it('retries a lost answer with the same Idempotency-Key until the server answers', async () => {
    const keys: string[] = []
    const send = vi.fn(async (_input: { slot: string }, key: string) => {
      keys.push(key)
      if (keys.length < 3) throw lost()
      return { bookingId: 'B1' }
    })
    const s = useSubmission(send, { baseDelayMs: 1 })
    expect(await s.submit({ slot: 'MORNING' })).toEqual({ bookingId: 'B1' })
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
    // answered: the next tap is a new submission with a new key
    await s.submit({ slot: 'MORNING' })
    expect(keys[3]).not.toBe(keys[0])
  })

  it('ignores taps while a submission runs', async () => {
    let release: (v: string) => void = () => {}
    const send = vi.fn(() => new Promise<string>((r) => { release = r }))
    const s = useSubmission(send)
    const first = s.submit('x')
    expect(await s.submit('x')).toBeUndefined()
    expect(s.busy.value).toBe(true)
    release('ok')
    expect(await first).toBe('ok')
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('keeps the key when it gives up for now: the next tap with the same input sends it again, new input a new one', async () => {
    const keys: string[] = []
    const s = useSubmission(async (_i: string, key: string) => { keys.push(key); throw lost() }, { attempts: 2, baseDelayMs: 1 })
    expect(await s.submit('same')).toBeUndefined()
    expect(s.error.value?.status).toBe(0)
    await s.submit('same')
    expect(keys).toHaveLength(4)
    expect(new Set(keys).size).toBe(1)
    await s.submit('other')
    expect(keys[4]).not.toBe(keys[0])
  })

  it('keeps the waiting key across a reload (a hash of the input is stored, never the input)', async () => {
    const keys: string[] = []
    const send = async (_i: object, key: string) => { keys.push(key); throw lost() }
    await useSubmission(send, { attempts: 1, storageKey: 'test.hold' }).submit({ idNumber: '11010519491231002X' })
    expect(sessionStorage.getItem('test.hold')).not.toContain('11010519491231002X')
    await useSubmission(send, { attempts: 1, storageKey: 'test.hold' }).submit({ idNumber: '11010519491231002X' })
    expect(keys[1]).toBe(keys[0])
  })

  it('does not retry a refusal; the next tap is a new submission', async () => {
    const keys: string[] = []
    const s = useSubmission(async (_i: string, key: string) => {
      keys.push(key)
      throw new ApiError(409, 'SOLD_OUT', 'No place left', 't')
    })
    await s.submit('x')
    expect(keys).toHaveLength(1)
    expect(s.error.value?.code).toBe('SOLD_OUT')
    await s.submit('x')
    expect(keys[1]).not.toBe(keys[0])
  })

  it('waits for the network while offline (no try used up) and sends the same key when it is back', async () => {
    const keys: string[] = []
    const s = useSubmission(async (_i: string, key: string) => {
      keys.push(key)
      if (keys.length === 1) {
        setOnline(false) // the connection drops with the answer
        throw lost()
      }
      return 'booked'
    }, { attempts: 2, baseDelayMs: 1 })
    const done = s.submit('x')
    await vi.waitFor(() => expect(s.waitingForNetwork.value).toBe(true))
    await new Promise((r) => setTimeout(r, 30))
    expect(keys).toHaveLength(1)
    setOnline(true)
    expect(await done).toBe('booked')
    expect(keys).toEqual([keys[0], keys[0]])
  })

  it('takes a lost answer to be one that does not come in time', async () => {
    const keys: string[] = []
    const s = useSubmission((_i: string, key: string, signal: AbortSignal) => {
      keys.push(key)
      if (keys.length === 1) {
        return new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
      }
      return Promise.resolve('booked')
    }, { timeoutMs: 20, baseDelayMs: 1 })
    expect(await s.submit('x')).toBe('booked')
    expect(keys[1]).toBe(keys[0])
  })
})
