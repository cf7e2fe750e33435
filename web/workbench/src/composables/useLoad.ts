import { ref, shallowRef, type Ref } from 'vue'
import { ApiError } from '@checkup/shared'

/**
 * Loads something for a page: the data, whether it is loading, and the error to show (with its trace id). A newer
 * load wins over an older one still in flight, so a quick filter change never shows stale rows.
 */
export function useLoad<T>(load: () => Promise<T>, initial: T) {
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

  return { data, loading, error, reload }
}
