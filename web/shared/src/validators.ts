/**
 * The examinee checks booking-service makes (`Examinee.of`, `ResidentId.parse`, `CheckupPackage.checkEligible`), done
 * in the browser first so a typing error is pointed at its field before anything is sent. Same rules, same order; the
 * API still decides. Each check answers null when the value is fine, else the i18n key of what is wrong (the field's
 * own words, never the number echoed back).
 */

export type Gender = 'MALE' | 'FEMALE'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** What a resident ID number says about its holder, or null when it is not a valid one. */
export interface ResidentId {
  number: string
  birthDate: string
  gender: Gender
}

/** The ID as stored: trimmed, upper case (a typed lower-case x is the check character X). */
export function normaliseId(text: string): string {
  return text.trim().toUpperCase()
}

function isDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
}

/** Checks an 18-character resident ID; null when it is fine, else the key of what is wrong. */
export function checkIdNumber(text: string | null | undefined): string | null {
  const n = normaliseId(text ?? '')
  if (!n) return 'check.id.required'
  if (!/^\d{17}[\dX]$/.test(n)) return 'check.id.format'
  if (idCheckChar(n) !== n[17]) return 'check.id.checksum'
  if (!isDate(`${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`)) return 'check.id.birth'
  return null
}

/** Birth date and gender read from a valid ID number (the 17th digit: odd for men). */
export function parseId(text: string | null | undefined): ResidentId | null {
  if (checkIdNumber(text) !== null) return null
  const n = normaliseId(text ?? '')
  return {
    number: n,
    birthDate: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`,
    gender: Number(n[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
  }
}

/** A mainland mobile number as the API keeps it: spaces, dashes and a +86 prefix removed. */
export function normalisePhone(text: string): string {
  const p = text.replace(/[\s-]/g, '')
  return p.startsWith('+86') ? p.slice(3) : p
}

export function checkPhone(text: string | null | undefined): string | null {
  if (!text || !text.trim()) return 'check.phone.required'
  return /^1[3-9]\d{9}$/.test(normalisePhone(text)) ? null : 'check.phone.format'
}

export function checkName(text: string | null | undefined): string | null {
  const name = (text ?? '').trim()
  if (!name) return 'check.name.required'
  // eslint-disable-next-line no-control-regex
  if ([...name].length > 32 || /[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'check.name.format'
  return null
}

/** The birth date typed, against today and the ID number (which the API compares it with). */
export function checkBirthDate(birthDate: string | null | undefined, idNumber: string | null | undefined, today: string): string | null {
  if (!birthDate) return 'check.birth.required'
  if (!isDate(birthDate)) return 'check.birth.format'
  if (birthDate > today) return 'check.birth.future'
  const id = parseId(idNumber)
  if (id && id.birthDate !== birthDate) return 'check.birth.mismatch'
  return null
}

export function checkGender(gender: string | null | undefined, idNumber: string | null | undefined): string | null {
  if (gender !== 'MALE' && gender !== 'FEMALE') return 'check.gender.required'
  const id = parseId(idNumber)
  if (id && id.gender !== gender) return 'check.gender.mismatch'
  return null
}

export interface ExamineeDraft {
  name: string
  gender: string
  birthDate: string
  idNumber: string
  phone: string
}

/** Every field's problem, in the API's order; an empty object when the examinee would be accepted. */
export function checkExaminee(e: ExamineeDraft, today: string): Partial<Record<keyof ExamineeDraft, string>> {
  const problems: Partial<Record<keyof ExamineeDraft, string>> = {}
  const put = (field: keyof ExamineeDraft, problem: string | null) => { if (problem) problems[field] = problem }
  put('name', checkName(e.name))
  put('idNumber', checkIdNumber(e.idNumber))
  put('gender', checkGender(e.gender, e.idNumber))
  put('birthDate', checkBirthDate(e.birthDate, e.idNumber, today))
  put('phone', checkPhone(e.phone))
  return problems
}

/** Whole years between a birth date and a day (the exam day decides eligibility), as java.time.Period does. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = day.split('-').map(Number)
  let age = y - by
  if (m < bm || (m === bm && d < bd)) age--
  return age
}

/** Who a package is for, as the catalogue says it. */
export interface Suitability {
  gender?: string | null
  minAge: number
  maxAge: number
}

/**
 * Why an examinee cannot take a package (i18n key and its parameters), or null when they can, by the package's gender
 * and its age range (inclusive, the age on the exam day: see `ageOn`). What is not known yet is not held against them.
 */
export function ineligibility(
  pkg: Suitability,
  examinee: { gender?: string | null; age?: number | null },
): { key: string; params: Record<string, string | number> } | null {
  const wanted = pkg.gender ?? 'ANY'
  if (wanted !== 'ANY' && examinee.gender && examinee.gender !== wanted) {
    return { key: wanted === 'FEMALE' ? 'eligible.womenOnly' : 'eligible.menOnly', params: {} }
  }
  const age = examinee.age
  if (age !== null && age !== undefined && Number.isFinite(age) && (age < pkg.minAge || age > pkg.maxAge)) {
    return { key: age < pkg.minAge ? 'eligible.tooYoung' : 'eligible.tooOld', params: { min: pkg.minAge, max: pkg.maxAge, age } }
  }
  return null
}

/**
 * An entitlement code as the API stores it: 10 characters of Crockford's base32 (no I, L, O, U), spaces and dashes
 * removed, upper case; null when what was typed cannot be one.
 */
export function normaliseEntitlementCode(typed: string | null | undefined): string | null {
  const c = (typed ?? '').replace(/[\s-]/g, '').toUpperCase()
  return /^[0-9A-HJKMNP-TV-Z]{10}$/.test(c) ? c : null
}
