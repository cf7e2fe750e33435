import { ApiError } from './api/errors'
import { t } from './i18n'

/**
 * A failure worth trying again as it is: no answer at all, the platform busy or away, a timeout. A refusal (a 4xx
 * but 408 and 429) comes back the same on a retry.
 */
export function isRetryable(e: ApiError | null | undefined): boolean {
  const s = e?.status ?? 0
  return s === 0 || s === 408 || s === 429 || s >= 500
}

/** The words a user sees for an error as the server worded it, and the trace id to quote to support. */
export function explain(e: ApiError): string {
  const what = e.status === 0 ? t('error.network')
    : e.status === 403 ? `${t('error.forbidden')}: ${e.message}`
    : e.message
  return e.traceId ? `${what} (${t('common.traceId')} ${e.traceId})` : what
}

/**
 * The error in the user's own words and language: a known code (`error.code.SOLD_OUT`) or a field the API named
 * (`error.field.examinee.phone`) has a sentence of its own; anything else is said as the server said it.
 */
export function userMessage(e: ApiError): string {
  if (e.status === 0) return t('error.network')
  if (e.status === 401) return t('error.unauthenticated')
  if (e.status === 429 && e.retryAfterSeconds) return t('error.code.TOO_MANY_REQUESTS.wait', { s: e.retryAfterSeconds })
  const deadline = /closed at (\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(e.message)
  if (e.code === 'CONFLICT' && deadline) return t('error.deadline', { at: deadline[1] })
  if (e.code === 'VALIDATION_FAILED' || e.code === 'BAD_REQUEST') {
    const field = /\b(examinee\.\w+|idNumber|date|period|channel|reason)\b/.exec(e.message)?.[1]
    const key = field ? `error.field.${field}` : ''
    if (key && t(key) !== key) return t(key)
  }
  const key = `error.code.${e.code}`
  const said = t(key)
  return said === key ? e.message : said
}
