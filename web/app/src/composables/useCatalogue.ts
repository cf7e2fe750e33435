import { DEFAULT_ZONE, dateIn, t } from '@checkup/shared'
import { calls, type Hospital, type Package } from '../api'

/**
 * The catalogue (hospitals and their packages) changes rarely: each is asked once per visit and shared by every
 * page that names a hospital or a package (a booking carries only their ids). A failed call is not kept.
 */
const hospitalOnce = new Map<string, Promise<Hospital>>()
const packagesOnce = new Map<string, Promise<Package[]>>()

function remembered<T>(make: () => Promise<T>, forget: () => void): Promise<T> {
  const p = make()
  p.catch(forget)
  return p
}

/** Hospitals a list page showed: a page that names one of them then needs no call. */
export function rememberHospitals(list: Hospital[]): void {
  for (const h of list) if (h.hospitalId && !hospitalOnce.has(h.hospitalId)) hospitalOnce.set(h.hospitalId, Promise.resolve(h))
}

export function packages(hospitalId: string): Promise<Package[]> {
  let p = packagesOnce.get(hospitalId)
  if (!p) {
    p = remembered(() => calls.packages(hospitalId), () => packagesOnce.delete(hospitalId))
    packagesOnce.set(hospitalId, p)
  }
  return p
}

/** One hospital, asked by id (thousands of hospitals: never the whole list). */
export async function hospital(hospitalId: string): Promise<Hospital | undefined> {
  let p = hospitalOnce.get(hospitalId)
  if (!p) {
    p = remembered(() => calls.hospital(hospitalId), () => hospitalOnce.delete(hospitalId))
    hospitalOnce.set(hospitalId, p)
  }
  return p
}

export async function findPackage(hospitalId: string, packageId: string): Promise<Package | undefined> {
  return (await packages(hospitalId)).find((p) => p.packageId === packageId)
}

/** A booking's hospital and package, named; the ids when the catalogue cannot be read right now. */
export async function names(hospitalId?: string | null, packageId?: string | null): Promise<{ hospital: string; pkg: string; zone: string }> {
  try {
    const h = hospitalId ? await hospital(hospitalId) : undefined
    const p = hospitalId && packageId ? await findPackage(hospitalId, packageId) : undefined
    return { hospital: h?.name ?? hospitalId ?? '', pkg: p?.name ?? packageId ?? '', zone: h?.timezone ?? DEFAULT_ZONE }
  } catch {
    return { hospital: hospitalId ?? '', pkg: packageId ?? '', zone: DEFAULT_ZONE }
  }
}

/** "Today" at the hospital: bookable days are counted in its zone, not the phone's. */
export function todayAt(h: { timezone?: string | null } | undefined): string {
  try {
    return dateIn(h?.timezone ?? DEFAULT_ZONE)
  } catch {
    return dateIn(DEFAULT_ZONE)
  }
}

/** A city as the user reads it (the demo catalogue spells cities in English). */
export function cityName(city?: string | null): string {
  if (!city) return t('city.other')
  const key = `city.${city}`
  const said = t(key)
  return said === key ? city : said
}

/** For tests: forget what was read. */
export function forgetCatalogue(): void {
  hospitalOnce.clear()
  packagesOnce.clear()
}
