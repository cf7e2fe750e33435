import { computed, ref } from 'vue'

/** Who is signed in, as the login route answered. Kept in sessionStorage: gone with the tab, never in a URL. */
export interface Session {
  token: string
  persona: 'CONSUMER' | 'DESK' | 'HR' | 'OPS' | 'TESTER'
  tenantId: string | null
  expiresAt: string
  username: string
}

const KEY = 'checkup.session'

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    if (!raw) return null
    const s = JSON.parse(raw) as Session
    return new Date(s.expiresAt).getTime() > Date.now() ? s : null
  } catch {
    return null
  }
}

export const session = ref<Session | null>(load())
export const signedIn = computed(() => session.value !== null)

export function remember(s: Session): void {
  session.value = s
  sessionStorage.setItem(KEY, JSON.stringify(s))
}

export function forget(): void {
  session.value = null
  sessionStorage.removeItem(KEY)
}

/** Called when the API says 401: the app decides where to send the user (login, with the page remembered). */
let onUnauthenticated: () => void = () => {}
export function whenUnauthenticated(f: () => void): void {
  onUnauthenticated = f
}
export function unauthenticated(): void {
  forget()
  onUnauthenticated()
}
