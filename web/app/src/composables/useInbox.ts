import { computed, ref, shallowRef } from 'vue'
import { ApiError, backoff, isOnline, pause, session } from '@checkup/shared'
import { MAX_WAIT_SECONDS, pollInbox, type InboxNotice, type InboxPage } from './inboxApi'

export type InboxState = 'idle' | 'live' | 'paused' | 'retrying' | 'stopped'

export interface InboxOptions {
  /** seconds each poll may wait on the server */
  wait?: number
  /** first wait after a failure, doubled each time up to `maxDelayMs` */
  baseDelayMs?: number
  maxDelayMs?: number
  /** a poll answered sooner than this with nothing new is followed by this pause (a server that does not hold) */
  minCycleMs?: number
  /** time a poll may take beyond `wait` before its answer is taken as lost */
  graceMs?: number
}

/**
 * A consumer's inbox, kept live by long polling: `GET /api/app/inbox?after=<cursor>&wait=25` in a loop. Every poll
 * resumes from the last cursor, after an answer, an error or a drop alike, so nothing is missed; notices are kept by
 * id, so nothing is shown twice. A failure waits (backoff with jitter, never a tight loop) and the wait ends early
 * when the network comes back. While the page is hidden or the browser offline, no poll is open; it resumes on
 * `visibilitychange` / `online`.
 */
export function createInbox(poll: (after: string | null, wait: number, signal: AbortSignal) => Promise<InboxPage> = pollInbox,
  options: InboxOptions = {}) {
  const wait = options.wait ?? MAX_WAIT_SECONDS
  const graceMs = options.graceMs ?? 10_000
  const minCycleMs = options.minCycleMs ?? 1000
  /** oldest first, each notice once */
  const items = shallowRef<InboxNotice[]>([])
  const state = ref<InboxState>('idle')
  const failures = ref(0)
  const error = shallowRef<ApiError | null>(null)
  const seen = new Set<string>()
  const listeners = new Set<(fresh: InboxNotice[]) => void>()
  let cursor: string | null = null
  let running = false
  let current: AbortController | null = null
  let waking: AbortController | null = null

  const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden'

  function add(list: InboxNotice[], live: boolean): void {
    const fresh = list.filter((n) => {
      const id = n.id ?? `${n.kind}:${n.bookingId}:${n.createdAt}`
      if (seen.has(id)) return false
      seen.add(id)
      return true
    })
    if (!fresh.length) return
    items.value = [...items.value, ...fresh]
    if (live) listeners.forEach((f) => f(fresh))
  }

  /** Ends the current wait (a backoff or a pause) so the loop looks again at once. */
  function wake(): void {
    waking?.abort()
  }

  function sleep(ms: number): Promise<void> {
    waking = new AbortController()
    return pause(ms, waking.signal)
  }

  /** Waits until the page is visible and the browser online again. */
  function resumed(): Promise<void> {
    return new Promise((resolve) => {
      waking = new AbortController()
      waking.signal.addEventListener('abort', () => resolve())
      if (!running || (!hidden() && isOnline())) resolve()
    })
  }

  async function loop(): Promise<void> {
    while (running) {
      if (hidden() || !isOnline()) {
        state.value = 'paused'
        await resumed()
        continue
      }
      const ctl = new AbortController()
      current = ctl
      const fresh = cursor === null
      const timer = setTimeout(() => ctl.abort(), (fresh ? 0 : wait) * 1000 + graceMs)
      const started = Date.now()
      try {
        const page = await poll(cursor, fresh ? 0 : wait, ctl.signal)
        if (!running) break
        add(page.items ?? [], !fresh)
        if (page.cursor) cursor = page.cursor
        failures.value = 0
        error.value = null
        state.value = 'live'
        // a server that answers an empty page at once must not make this a busy loop
        if (!fresh && !(page.items ?? []).length && Date.now() - started < minCycleMs) await sleep(minCycleMs)
      } catch (e) {
        if (!running) break
        const err = e instanceof ApiError ? e : ApiError.network(e)
        // aborted because the page went away or the network did: the loop pauses above and resumes from the cursor
        if (ctl.signal.aborted && (hidden() || !isOnline())) continue
        if (err.status === 401 || err.status === 403) {
          error.value = err
          stop()
          break
        }
        if (err.status === 400 && /\bafter\b/.test(err.message) && cursor !== null) {
          // a cursor the server no longer knows: start afresh (the latest 20); notices already shown are known by id
          cursor = null
          continue
        }
        failures.value++
        error.value = err
        state.value = 'retrying'
        const delay = err.retryAfterSeconds ? err.retryAfterSeconds * 1000
          : backoff(failures.value, options.baseDelayMs ?? 1000, options.maxDelayMs ?? 30_000)
        await sleep(delay)
      } finally {
        clearTimeout(timer)
        if (current === ctl) current = null
      }
    }
  }

  function onVisibility(): void {
    if (hidden()) current?.abort()
    else wake()
  }
  function onOffline(): void {
    current?.abort()
  }

  function start(): void {
    if (running) return
    running = true
    state.value = 'idle'
    if (typeof window !== 'undefined') {
      document.addEventListener('visibilitychange', onVisibility)
      window.addEventListener('online', wake)
      window.addEventListener('offline', onOffline)
    }
    void loop()
  }

  function stop(): void {
    running = false
    state.value = 'stopped'
    current?.abort()
    wake()
    if (typeof window !== 'undefined') {
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('online', wake)
      window.removeEventListener('offline', onOffline)
    }
  }

  /** Forgets everything (another user signs in). */
  function reset(): void {
    stop()
    items.value = []
    seen.clear()
    cursor = null
    failures.value = 0
    error.value = null
    state.value = 'idle'
  }

  /** Called with the notices that arrive while the app is open (not those of the first, historical page). */
  function onArrival(f: (fresh: InboxNotice[]) => void): () => void {
    listeners.add(f)
    return () => listeners.delete(f)
  }

  return { items, state, failures, error, start, stop, reset, onArrival, cursor: () => cursor }
}

export type Inbox = ReturnType<typeof createInbox>

/** The app's one inbox, started once signed in. */
export const inbox = createInbox()

/** When the user last opened the inbox (kept per user on this device): what is newer is unread. */
const lastRead = ref<string>('')
function readKey(): string {
  return `checkup.inbox.read.${session.value?.username ?? ''}`
}
export function loadLastRead(): void {
  lastRead.value = typeof localStorage === 'undefined' ? '' : localStorage.getItem(readKey()) ?? ''
}
export function markAllRead(): void {
  const newest = inbox.items.value.reduce((m, n) => ((n.createdAt ?? '') > m ? n.createdAt ?? '' : m), lastRead.value)
  lastRead.value = newest
  localStorage.setItem(readKey(), newest)
}
export const unread = computed(() => inbox.items.value.filter((n) => (n.createdAt ?? '') > lastRead.value).length)
