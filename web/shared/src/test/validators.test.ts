import { describe, expect, it } from 'vitest'
import {
  ageOn, checkBirthDate, checkExaminee, checkGender, checkIdNumber, checkName, checkPhone, idCheckChar, ineligibility,
  normaliseEntitlementCode, normalisePhone, parseId,
} from '../validators'

/** A valid ID for a birth date and sequence (odd: a man), as booking-service's tests make them. */
const id = (birth: string, seq: number) => {
  const body = `110105${birth}${String(seq).padStart(3, '0')}`
  return body + idCheckChar(body)
}

describe('the resident ID number (GB 11643)', () => {
  it('accepts a valid one, with the check character X typed in either case', () => {
    expect(checkIdNumber('11010519491231002X')).toBeNull()
    expect(checkIdNumber(' 11010519491231002x ')).toBeNull()
    expect(checkIdNumber(id('19900115', 101))).toBeNull()
  })

  it('says a wrong check digit is a typing error', () => {
    expect(checkIdNumber('110105194912310021')).toBe('check.id.checksum')
    expect(checkIdNumber('320102198503010311')).toBe('check.id.checksum')
  })

  it('says what is wrong with the shape, or with the birth date inside', () => {
    expect(checkIdNumber('')).toBe('check.id.required')
    expect(checkIdNumber('1101051949123100')).toBe('check.id.format')
    expect(checkIdNumber('11010519491231002Y')).toBe('check.id.format')
    expect(checkIdNumber(id('19990230', 101))).toBe('check.id.birth')
  })

  it('reads birth date and gender from it (17th digit odd: a man)', () => {
    expect(parseId('11010519491231002X')).toEqual({ number: '11010519491231002X', birthDate: '1949-12-31', gender: 'FEMALE' })
    expect(parseId(id('19900115', 101))?.gender).toBe('MALE')
    expect(parseId('110105194912310021')).toBeNull()
  })
})

describe('birth date and gender agree with the ID, as the API checks', () => {
  const today = '2026-12-02'
  it('refuses a birth date the ID does not say, or one in the future', () => {
    expect(checkBirthDate('1949-12-31', '11010519491231002X', today)).toBeNull()
    expect(checkBirthDate('1949-12-30', '11010519491231002X', today)).toBe('check.birth.mismatch')
    expect(checkBirthDate('2027-01-01', '', today)).toBe('check.birth.future')
    expect(checkBirthDate('1949-02-30', '', today)).toBe('check.birth.format')
    expect(checkBirthDate('', '', today)).toBe('check.birth.required')
  })

  it('refuses a gender the ID does not say', () => {
    expect(checkGender('FEMALE', '11010519491231002X')).toBeNull()
    expect(checkGender('MALE', '11010519491231002X')).toBe('check.gender.mismatch')
    expect(checkGender('', '11010519491231002X')).toBe('check.gender.required')
    // an ID not yet valid decides nothing
    expect(checkGender('MALE', '1101')).toBeNull()
  })
})

describe('a mainland mobile number', () => {
  it('takes spaces, dashes and +86 as the API does', () => {
    expect(checkPhone('137 0000 1111')).toBeNull()
    expect(checkPhone('+86 137-0000-1111')).toBeNull()
    expect(normalisePhone('+86 137-0000-1111')).toBe('13700001111')
  })

  it('refuses what is not one', () => {
    expect(checkPhone('12700001111')).toBe('check.phone.format')
    expect(checkPhone('1370000111')).toBe('check.phone.format')
    expect(checkPhone('')).toBe('check.phone.required')
  })
})

describe('the whole examinee', () => {
  it('passes when every field agrees, and names each field that does not', () => {
    const ok = { name: '韩梅梅', gender: 'FEMALE', birthDate: '1949-12-31', idNumber: '11010519491231002X', phone: '13700001111' }
    expect(checkExaminee(ok, '2026-12-02')).toEqual({})
    expect(checkExaminee({ ...ok, name: ' ', gender: 'MALE', phone: '123' }, '2026-12-02'))
      .toEqual({ name: 'check.name.required', gender: 'check.gender.mismatch', phone: 'check.phone.format' })
    expect(checkName('张'.repeat(33))).toBe('check.name.format')
    expect(checkName('a\u0007b')).toBe('check.name.format')
  })
})

describe('who a package suits', () => {
  it('counts age in whole years on the exam day', () => {
    expect(ageOn('2000-12-02', '2025-12-02')).toBe(25)
    expect(ageOn('2000-12-03', '2025-12-02')).toBe(24)
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24)
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25)
  })

  it('explains why an examinee cannot take a package, and holds nothing unknown against them', () => {
    const ct = { gender: 'ANY', minAge: 25, maxAge: 120 }
    const women = { gender: 'FEMALE', minAge: 18, maxAge: 120 }
    expect(ineligibility(women, { gender: 'MALE', age: 40 })).toEqual({ key: 'eligible.womenOnly', params: {} })
    expect(ineligibility(ct, { gender: 'MALE', age: 24 })).toEqual({ key: 'eligible.tooYoung', params: { min: 25, max: 120, age: 24 } })
    expect(ineligibility(ct, { age: 25 })).toBeNull()
    expect(ineligibility(women, { gender: 'FEMALE' })).toBeNull()
    expect(ineligibility(women, {})).toBeNull()
  })
})

describe('an entitlement code as typed', () => {
  it('is upper-cased without spaces and dashes; letters it never uses are refused', () => {
    expect(normaliseEntitlementCode('7k3m-9qx2 ab')).toBe('7K3M9QX2AB')
    expect(normaliseEntitlementCode('7K3M9QX2AI')).toBeNull()
    expect(normaliseEntitlementCode('7K3M9QX2A')).toBeNull()
  })
})
