import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, toApiError } from './errors'
import { session, unauthenticated } from '../session'
import { logRequest, testerLane } from '../lanes'
import { noteServerDate } from '../time'

/**
 * The one typed client of the public API, its types generated from the gateway's /api/openapi.json. Same origin,
 * so no base URL and no CORS. Adds the token and a tester's lane, logs what a tester needs to see (the lane path),
 * and turns every failure into an {@link ApiError} carrying the envelope's message and trace id.
 */
// fetch looked up per call (not captured once), so tests and a late polyfill see the current one
export const api = createClient<paths>({ baseUrl: '', fetch: (request: Request) => globalThis.fetch(request) })

const started = new WeakMap<Request, number>()

let appVersion: string | null = null

/**
 * The version of the client making the calls, sent as `X-App-Version` on every request (the consumer app sets it at
 * start): the gateway's lane rules can pin a version, say one under app-store review, to a lane.
 */
export function setAppVersion(version: string | null): void {
  appVersion = version
}

function decorate(headers: Headers): void {
  const s = session.value
  if (s) headers.set('Authorization', `Bearer ${s.token}`)
  if (s?.persona === 'TESTER' && testerLane.value) headers.set('X-Lane', testerLane.value)
  if (appVersion) headers.set('X-App-Version', appVersion)
}

const middleware: Middleware = {
  onRequest({ request }) {
    decorate(request.headers)
    started.set(request, performance.now())
    return request
  },
  onResponse({ request, response }) {
    noteServerDate(response.headers.get('Date'))
    record(request.method, new URL(request.url).pathname, response, started.get(request))
    if (response.status === 401 && session.value && !request.url.endsWith('/api/auth/login')) {
      unauthenticated()
    }
    return response
  },
}
api.use(middleware)

function record(method: string, path: string, response: { status: number; headers: Headers }, start?: number) {
  if (session.value?.persona !== 'TESTER') return
  logRequest({
    at: new Date().toISOString(),
    method,
    path,
    status: response.status,
    lane: testerLane.value,
    lanePath: response.headers.get('X-Lane-Path'),
    traceId: response.headers.get('X-Request-Id'),
    ms: start === undefined ? 0 : Math.round(performance.now() - start),
  })
}

interface Answer<T> {
  data?: T
  error?: unknown
  response: Response
}

/** Awaits an openapi-fetch call and gives its data, or throws the envelope as an {@link ApiError}. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>
  try {
    answer = await call
  } catch (e) {
    throw ApiError.network(e)
  }
  if (!answer.response.ok) {
    throw toApiError(answer.response.status, answer.error, answer.response.headers)
  }
  return answer.data as T
}

/**
 * Sends a file body (a report PDF, a roster CSV) with upload progress, which fetch cannot report. Same headers and
 * errors as {@link api}.
 */
export function upload<T>(
  path: string,
  body: Blob,
  contentType: string,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const start = performance.now()
    xhr.open('POST', path)
    const headers = new Headers({ 'Content-Type': contentType })
    decorate(headers)
    headers.forEach((v, k) => xhr.setRequestHeader(k, v))
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onerror = () => reject(ApiError.network('The upload was cut off'))
    xhr.onload = () => {
      const responseHeaders = new Headers()
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const at = line.indexOf(':')
        if (at > 0) responseHeaders.set(line.slice(0, at).trim(), line.slice(at + 1).trim())
      }
      record('POST', path.split('?')[0], { status: xhr.status, headers: responseHeaders }, start)
      let parsed: unknown = null
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        parsed = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        resolve(parsed as T)
      } else {
        if (xhr.status === 401 && session.value) unauthenticated()
        reject(toApiError(xhr.status, parsed, responseHeaders))
      }
    }
    xhr.send(body)
  })
}

/**
 * Downloads a file route (a CSV, a report) with the token, and hands it to the browser as a saved file, under the
 * name the server gave, else `fileName`.
 */
export async function download(path: string, fileName: string): Promise<void> {
  const headers = new Headers()
  decorate(headers)
  let response: Response
  try {
    response = await fetch(path, { headers })
  } catch (e) {
    throw ApiError.network(e)
  }
  if (!response.ok) {
    let body: unknown = null
    try {
      body = await response.json()
    } catch {
      body = null
    }
    if (response.status === 401 && session.value) unauthenticated()
    throw toApiError(response.status, body, response.headers)
  }
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = savedName(response.headers.get('Content-Disposition')) ?? fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The file name the server gave (`attachment; filename=report.pdf`), without any path. */
export function savedName(disposition: string | null): string | null {
  const m = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null
  if (!m) return null
  let name = m[1]
  try {
    name = decodeURIComponent(name)
  } catch {
    // as given
  }
  name = name.split(/[\\/]/).pop()?.trim() ?? ''
  return name || null
}

/** One key per user action: a retry of the same action reuses it, so a lost answer never books twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID()
}
