import { onScopeDispose, getCurrentScope, ref, shallowRef, type Ref } from 'vue'
import { ApiError } from './api/errors'
import { isRetryable } from './words'

/**
 * Loads something for a page: the data, whether it is loading, and the error to show (with its trace id). A newer
 * load wins over an older one still in flight, so a quick filter change never shows stale rows. With `reconnect`, a
 * load that failed for want of a network (or of the platform) is repeated by itself when the browser is back online.
 */
export function useLoad<T>(load: () => Promise<T>, initial: T, options: { reconnect?: boolean } = {}) {
  const data = shallowRef<T>(initial) as Ref<T>
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let generation = 0

  async function reload(): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const value = await load()
      if (mine === generation) data.value = value
    } catch (e) {
      if (mine === generation) error.value = e instanceof ApiError ? e : ApiError.network(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  if (options.reconnect && typeof window !== 'undefined') {
    const again = () => { if (error.value && isRetryable(error.value)) void reload() }
    window.addEventListener('online', again)
    if (getCurrentScope()) onScopeDispose(() => window.removeEventListener('online', again))
  }

  return { data, loading, error, reload }
}
