import { ref, watch } from 'vue'

/**
 * Who the user is booking for, as far as they said on a hospital's page (gender, age): enough to mark packages they
 * cannot take. Kept for this tab only; the booking form asks the rest.
 */
const KEY = 'checkup.app.who'
function load(): { gender: string; age: number | null } {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { gender?: string; age?: number | null } | null
    return { gender: v?.gender ?? '', age: typeof v?.age === 'number' ? v.age : null }
  } catch {
    return { gender: '', age: null }
  }
}
export const examineeHint = ref(load())
watch(examineeHint, (v) => sessionStorage.setItem(KEY, JSON.stringify(v)), { deep: true })
