import { formatMoney, t, type Suitability } from '@checkup/shared'

/** Who a package suits, in words: "women only · 18 and over". */
export function suits(p: Suitability): string[] {
  const out: string[] = []
  const g = p.gender ?? 'ANY'
  out.push(g === 'FEMALE' ? t('suits.women') : g === 'MALE' ? t('suits.men') : t('suits.any'))
  if (p.minAge <= 0 && p.maxAge >= 100) out.push(t('suits.allAges'))
  else if (p.maxAge >= 100) out.push(t('suits.minAge', { min: p.minAge }))
  else out.push(t('suits.ages', { min: p.minAge, max: p.maxAge }))
  return out
}

/** An exam item by its catalogue id in the user's language, else as the catalogue names it. */
export function itemName(item: { itemId?: string | null; name?: string | null }): string {
  const key = `item.${item.itemId ?? ''}`
  const said = t(key)
  return said === key ? item.name ?? item.itemId ?? '' : said
}

export function money(cents: number | null | undefined): string {
  return formatMoney(cents ?? 0)
}

/** "2026-12-02 (Wed) morning" as the user reads a slot. */
export function slotText(date?: string | null, period?: string | null): string {
  if (!date) return ''
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay()
  return `${date} ${t(`weekday.${wd}`)} ${period ? t(`period.${period}`) : ''}`.trim()
}
