import { formatInstant, t } from '@checkup/shared'
import type { InboxNotice } from './inboxApi'

/**
 * A notice in the user's words, worded here from its kind and params (the inbox sends no text): a param that is
 * missing is left out, or the id stands in for a name.
 */
export function noticeTitle(n: InboxNotice): string {
  const key = `notice.${n.kind}.title`
  const said = t(key)
  return said === key ? t('notice.other.title') : said
}

export function noticeText(n: InboxNotice): string {
  const p = n.params ?? {}
  const hospital = p.hospitalName ?? n.hospitalId ?? ''
  const pkg = p.packageName ?? p.packageId ?? ''
  const when = p.examDate ? `${p.examDate} ${p.period ? t(`period.${p.period}`) : ''}`.trim() : ''
  const what = pkg ? t('notice.what', { pkg, hospital }) : hospital
  const key = `notice.${n.kind}.text`
  const said = t(key, { what, when: when || t('notice.noDate'), amount: p.amount ?? '' })
  return said === key ? what : said
}

export function noticeTime(n: InboxNotice, zone?: string): string {
  return formatInstant(n.createdAt ?? null, zone)
}

export const NOTICE_ICONS: Record<string, string> = {
  BOOKING_CONFIRMED: 'passed',
  EXAM_REMINDER: 'clock-o',
  REPORT_READY: 'description-o',
  REFUNDED: 'balance-o',
}
