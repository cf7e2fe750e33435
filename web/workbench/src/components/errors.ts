import { ApiError, t } from '@checkup/shared'

/** The words a user sees for an error: what the server said, and the trace id to quote to support. */
export function explain(e: ApiError): string {
  const what = e.status === 0 ? t('error.network')
    : e.status === 403 ? `${t('error.forbidden')}: ${e.message}`
    : e.message
  return e.traceId ? `${what} (${t('common.traceId')} ${e.traceId})` : what
}
