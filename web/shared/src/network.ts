import { ref } from 'vue'

/**
 * Whether the browser thinks it is online, and ways to wait for the network to come back. Every long wait here is
 * cut short by the `online` event, so a page carries on by itself the moment the connection returns.
 */
const hasWindow = typeof window !== 'undefined'
export const online = ref(hasWindow && typeof navigator !== 'undefined' ? navigator.onLine !== false : true)

if (hasWindow) {
  window.addEventListener('online', () => { online.value = true })
  window.addEventListener('offline', () => { online.value = false })
}

export function isOnline(): boolean {
  return !hasWindow || typeof navigator === 'undefined' || navigator.onLine !== false
}

/** Resolves at the next `online` event (at once when already online), or when aborted. */
export function whenOnline(signal?: AbortSignal): Promise<void> {
  if (isOnline() || signal?.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      window.removeEventListener('online', done)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    window.addEventListener('online', done)
    signal?.addEventListener('abort', done)
  })
}

/** Waits `ms`, or less: until the network comes back (`online`) or the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      if (hasWindow) window.removeEventListener('online', done)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    if (hasWindow) window.addEventListener('online', done)
    signal?.addEventListener('abort', done)
  })
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … up to `max`, each ±20 %, so many phones do not retry in step. */
export function backoff(failures: number, base = 1000, max = 30_000): number {
  const plain = Math.min(max, base * 2 ** Math.max(0, failures - 1))
  return Math.round(plain * (0.8 + Math.random() * 0.4))
}
