import { ref, shallowRef } from 'vue'
import { ApiError } from './api/errors'
import { isRetryable } from './words'
import { backoff, isOnline, pause, whenOnline } from './network'

export interface SubmissionOptions {
  /** sends that fail without a decision (network, 5xx, 408, 429) before the submission gives up for now */
  attempts?: number
  /** how long one send may take before its answer is taken as lost (then retried with the same key) */
  timeoutMs?: number
  /**
   * keeps the key of a submission without a decision in sessionStorage (with a hash of its input, never the input),
   * so a reload of the page reuses it too
   */
  storageKey?: string
  /** the first wait between tries, doubled each time (see `backoff`) */
  baseDelayMs?: number
  newKey?: () => string
}

interface Pending {
  fingerprint: string
  key: string
}

/** A short hash of the input (cyrb53): what is kept to recognise the same input again, never the input itself. */
export function fingerprintOf(input: unknown): string {
  const text = JSON.stringify(input) ?? ''
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

function randomKey(): string {
  return crypto.randomUUID()
}

function read(storageKey?: string): Pending | null {
  if (!storageKey || typeof sessionStorage === 'undefined') return null
  try {
    const raw = sessionStorage.getItem(storageKey)
    return raw ? (JSON.parse(raw) as Pending) : null
  } catch {
    return null
  }
}

function write(storageKey: string | undefined, pending: Pending | null): void {
  if (!storageKey || typeof sessionStorage === 'undefined') return
  if (pending) sessionStorage.setItem(storageKey, JSON.stringify(pending))
  else sessionStorage.removeItem(storageKey)
}

/**
 * One tap submits once. A submission gets one `Idempotency-Key`, and every retry of it sends the same key, so when an
 * answer is lost (the network dropped after the server acted) the retry gets the same result back and nothing is
 * done twice:
 *
 * - while a submission runs, further taps do nothing;
 * - an answer that does not come (network error, a timeout, 5xx, 429) is retried by itself with backoff, at once when
 *   the browser comes back online; while offline it waits for the network without using up its tries;
 * - when it gives up for now, the key is kept: the next tap with the same input (or a reload, with `storageKey`)
 *   sends the same key again. A different input is a new submission with a new key;
 * - a decision of the server (success or a refusal) ends the submission; the next tap is a new one.
 */
export function useSubmission<I, R>(
  send: (input: I, key: string, signal: AbortSignal) => Promise<R>,
  options: SubmissionOptions = {},
) {
  const attempts = options.attempts ?? 6
  const timeoutMs = options.timeoutMs ?? 20_000
  const newKey = options.newKey ?? randomKey
  const busy = ref(false)
  /** waiting for the network to come back before the next try */
  const waitingForNetwork = ref(false)
  /** tries made for the current submission */
  const tries = ref(0)
  const error = shallowRef<ApiError | null>(null)
  const result = shallowRef<R | null>(null)
  let pending: Pending | null = read(options.storageKey)
  let stopped: AbortController | null = null

  function keyFor(input: I): string {
    const fingerprint = fingerprintOf(input)
    if (!pending || pending.fingerprint !== fingerprint) {
      pending = { fingerprint, key: newKey() }
      write(options.storageKey, pending)
    }
    return pending.key
  }

  function settle(): void {
    pending = null
    write(options.storageKey, null)
  }

  async function once(input: I, key: string, stop: AbortSignal): Promise<R> {
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), timeoutMs)
    const onStop = () => timeout.abort()
    stop.addEventListener('abort', onStop)
    try {
      return await send(input, key, timeout.signal)
    } catch (e) {
      throw e instanceof ApiError ? e : ApiError.network(e)
    } finally {
      clearTimeout(timer)
      stop.removeEventListener('abort', onStop)
    }
  }

  /** Submits `input` (ignored while a submission runs); the server's answer, or undefined when there is none yet. */
  async function submit(input: I): Promise<R | undefined> {
    if (busy.value) return undefined
    busy.value = true
    error.value = null
    tries.value = 0
    const key = keyFor(input)
    const stop = new AbortController()
    stopped = stop
    try {
      let failures = 0
      for (;;) {
        if (!isOnline()) {
          waitingForNetwork.value = true
          await whenOnline(stop.signal)
          waitingForNetwork.value = false
        }
        if (stop.signal.aborted) return undefined
        tries.value++
        try {
          const r = await once(input, key, stop.signal)
          settle()
          result.value = r
          return r
        } catch (e) {
          const err = e as ApiError
          if (stop.signal.aborted) return undefined
          if (!isRetryable(err)) {
            settle() // the server decided: a new tap is a new submission
            error.value = err
            return undefined
          }
          failures++
          if (failures >= attempts) {
            error.value = err // no decision yet: the key stays for the next tap
            return undefined
          }
          const wait = err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : backoff(failures, options.baseDelayMs ?? 1000, 15_000)
          // offline: the loop waits for the network above instead, without using up a try
          if (isOnline()) await pause(wait, stop.signal)
        }
      }
    } finally {
      waitingForNetwork.value = false
      busy.value = false
      if (stopped === stop) stopped = null
    }
  }

  /** Stops retrying (the page is left); the key is kept for the same input. */
  function stop(): void {
    stopped?.abort()
  }

  /** The key the next submission of this input would send (for tests and the page's own record). */
  function currentKey(): string | null {
    return pending?.key ?? null
  }

  return { submit, stop, busy, waitingForNetwork, tries, error, result, currentKey }
}
