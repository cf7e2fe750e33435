import { api, unwrap, type components } from '@checkup/shared'

/**
 * The inbox route (api-contracts `InboxService`): notices in ascending order and a cursor to resume from. Types are
 * generated from the gateway's OpenAPI document like every other call's.
 */
export type InboxPage = components['schemas']['InboxPage']
/** kind: BOOKING_CONFIRMED, EXAM_REMINDER, REPORT_READY or REFUNDED (another is shown plainly); params: hospitalName,
 * packageId, packageName, examDate, period, amount (yuan, "1299.00"), any of which may be missing */
export type InboxNotice = components['schemas']['InboxNotice']

/** The longest a poll waits on the server (the contract's MAX_WAIT_SECONDS). */
export const MAX_WAIT_SECONDS = 25

/** One poll: notices after `after` (none: the latest 20, at once), held up to `wait` seconds when nothing is new. */
export function pollInbox(after: string | null, wait: number, signal?: AbortSignal): Promise<InboxPage> {
  const query = after ? { after, wait } : { wait }
  return unwrap(api.GET('/api/app/inbox', { params: { query }, signal }))
}
