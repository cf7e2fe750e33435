import { ref, shallowRef } from 'vue'
import { ApiError } from '@checkup/shared'

export interface Page<T> {
  items?: T[] | null
  nextCursor?: string | null
}

/**
 * A list the server pages with a cursor: the first page, then "more" appends the next. A new first load (a filter
 * changed) wins over an older one still in flight.
 */
export function usePaged<T>(load: (cursor: string | undefined) => Promise<Page<T>>) {
  const rows = shallowRef<T[]>([])
  const next = ref<string | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let generation = 0

  async function fetch(more: boolean): Promise<void> {
    const mine = more ? generation : ++generation
    loading.value = true
    error.value = null
    try {
      const page = await load(more ? next.value ?? undefined : undefined)
      if (mine !== generation) return
      rows.value = more ? [...rows.value, ...(page.items ?? [])] : page.items ?? []
      next.value = page.nextCursor ?? null
    } catch (e) {
      if (mine === generation) error.value = e instanceof ApiError ? e : ApiError.network(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  return { rows, next, loading, error, reload: () => fetch(false), more: () => fetch(true) }
}
