import { ref } from 'vue'

/** A tester's own lane (sent as X-Lane; the gateway ignores it from anyone else) and what each request did. */
export const testerLane = ref<string>(sessionStorage.getItem('checkup.lane') ?? '')

export function chooseLane(lane: string): void {
  testerLane.value = lane.trim()
  if (testerLane.value) sessionStorage.setItem('checkup.lane', testerLane.value)
  else sessionStorage.removeItem('checkup.lane')
}

export interface LoggedRequest {
  at: string
  method: string
  path: string
  status: number
  /** the lane asked for, or '' for the baseline */
  lane: string
  /** X-Lane-Path: where each hop ran, e.g. "booking-service:gray,order-service:baseline" */
  lanePath: string | null
  traceId: string | null
  ms: number
}

const MAX = 200
export const requestLog = ref<LoggedRequest[]>([])

export function logRequest(r: LoggedRequest): void {
  requestLog.value = [r, ...requestLog.value].slice(0, MAX)
}
