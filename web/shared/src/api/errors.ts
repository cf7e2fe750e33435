/** The platform's one error envelope, `{code, message, traceId}`, as a thrown error every page can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly traceId: string | null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** A network failure (no answer at all): status 0, so callers can tell it from a refusal. */
  static network(cause: unknown): ApiError {
    const text = cause instanceof Error ? cause.message : String(cause)
    return new ApiError(0, 'NETWORK', text, null)
  }
}

interface Envelope {
  code?: unknown
  message?: unknown
  traceId?: unknown
}

/** Reads an error answer; a body that is not the envelope (a proxy's HTML page, say) still gives a useful error. */
export function toApiError(status: number, body: unknown, headers?: Headers): ApiError {
  const e = (body && typeof body === 'object' ? body : {}) as Envelope
  const retry = headers?.get('Retry-After')
  return new ApiError(
    status,
    typeof e.code === 'string' ? e.code : `HTTP_${status}`,
    typeof e.message === 'string' ? e.message : `The server answered ${status}`,
    typeof e.traceId === 'string' ? e.traceId : headers?.get('X-Request-Id') ?? null,
    retry && /^\d+$/.test(retry) ? Number(retry) : null,
  )
}
