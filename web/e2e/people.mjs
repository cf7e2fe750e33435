/** A mainland resident id with a valid check digit (GB 11643): region 110101, the birth date, a sequence (odd: a man). */
export function idNumber(birth, seq) {
  const body = `110101${birth}${String(seq).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}

/** A name, phone and ID of an examinee no other run uses (random), born on `birth` (YYYYMMDD), a man or a woman. */
export function examinee(birth = '19880512', gender = 'MALE') {
  const pick = (s) => s[Math.floor(Math.random() * s.length)]
  const seq = 100 + Math.floor(Math.random() * 400) * 2 + (gender === 'MALE' ? 1 : 0)
  return {
    name: `${pick('赵钱孙李周吴郑王')}${pick('子明清远志华')}${pick('一二三四五六七八九')}`,
    gender,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
    idNumber: idNumber(birth, seq),
    phone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  }
}
