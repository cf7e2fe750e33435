import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError, t } from '@checkup/shared'
import { explain } from '@checkup/shared'

/**
 * One write a user starts (check in, save, replay): while it runs its button is disabled and further clicks do
 * nothing, so a double-click never doubles the write. Success and failure are told in a message; a failure keeps
 * the envelope's text and trace id.
 */
export function useAction<A extends unknown[], R>(
  run: (...args: A) => Promise<R>,
  done?: (result: R) => string | void,
  /** the page shows `error` itself (a dialog's ErrorNotice): no second, floating copy */
  options: { inline?: boolean } = {},
) {
  const busy = ref(false)
  const error = ref<ApiError | null>(null)

  async function act(...args: A): Promise<R | undefined> {
    if (busy.value) return undefined
    busy.value = true
    error.value = null
    try {
      const result = await run(...args)
      const text = done?.(result)
      if (text) ElMessage({ type: 'success', message: text, grouping: true, duration: 2500 })
      return result
    } catch (e) {
      const err = e instanceof ApiError ? e : ApiError.network(e)
      error.value = err
      if (!options.inline) ElMessage({ type: 'error', message: explain(err), duration: 6000, showClose: true, grouping: true })
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { busy, error, act, t }
}
