import { api, unwrap } from './api/client'
import { remember, type Session } from './session'

/** Signs in through the gateway's login route and keeps the session for this tab. */
export async function signIn(username: string, password: string): Promise<Session> {
  const answer = await unwrap(api.POST('/api/auth/login', { body: { username, password } }))
  const s: Session = {
    token: answer.token,
    persona: answer.persona as Session['persona'],
    tenantId: answer.tenantId ?? null,
    expiresAt: answer.expiresAt,
    username,
  }
  remember(s)
  return s
}
