import { ref } from 'vue'

/** Chinese by default, English switchable; the choice is kept per browser. */
export type Locale = 'zh-CN' | 'en'
export type Messages = Record<string, string>

const STORED = 'checkup.locale'
const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORED)
export const locale = ref<Locale>(stored === 'en' ? 'en' : 'zh-CN')

const dictionaries: Record<Locale, Messages> = { 'zh-CN': {}, en: {} }

/** Each app adds its own words; shared words come from here. A later word with the same key wins. */
export function addMessages(messages: Record<Locale, Messages>): void {
  Object.assign(dictionaries['zh-CN'], messages['zh-CN'])
  Object.assign(dictionaries.en, messages.en)
}

export function setLocale(l: Locale): void {
  locale.value = l
  localStorage.setItem(STORED, l)
  document.documentElement.lang = l
}

/** `t('key', {n: 3})` replaces `{n}`; a missing word shows in the other language, then as its key (never blank). */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = dictionaries[locale.value][key] ?? dictionaries[locale.value === 'en' ? 'zh-CN' : 'en'][key] ?? key
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text
}

addMessages({
  'zh-CN': {
    'common.retry': '重试',
    'common.copy': '复制',
    'common.copied': '已复制',
    'common.traceId': '追踪号',
    'common.cancel': '取消',
    'common.confirm': '确定',
    'common.save': '保存',
    'common.refresh': '刷新',
    'common.search': '搜索',
    'common.none': '暂无数据',
    'common.loading': '加载中…',
    'error.network': '网络连接失败，请检查网络后重试',
    'error.forbidden': '您的角色无权执行此操作',
    'error.unauthenticated': '登录已过期，请重新登录',
    'check.name.required': '请填写体检人姓名',
    'check.name.format': '姓名最多 32 个字，不能含特殊控制字符',
    'check.id.required': '请填写身份证号',
    'check.id.format': '身份证号应为 18 位：17 位数字加 1 位数字或 X',
    'check.id.checksum': '身份证号校验位不对，请核对是否输错',
    'check.id.birth': '身份证号中的出生日期无效',
    'check.gender.required': '请选择性别',
    'check.gender.mismatch': '性别与身份证号不一致',
    'check.birth.required': '请填写出生日期',
    'check.birth.format': '出生日期格式应为 YYYY-MM-DD',
    'check.birth.future': '出生日期不能晚于今天',
    'check.birth.mismatch': '出生日期与身份证号不一致',
    'check.phone.required': '请填写手机号',
    'check.phone.format': '请填写 11 位中国大陆手机号',
    'eligible.womenOnly': '该套餐仅限女性',
    'eligible.menOnly': '该套餐仅限男性',
    'eligible.tooYoung': '该套餐适合 {min} 岁及以上，体检时为 {age} 岁',
    'eligible.tooOld': '该套餐适合 {max} 岁及以下，体检时为 {age} 岁',
    'error.deadline': '已过取消或改期的截止时间（{at}）',
    'error.code.TOO_MANY_REQUESTS': '操作太频繁，请稍后再试',
    'error.code.TOO_MANY_REQUESTS.wait': '操作太频繁，请 {s} 秒后再试',
    'error.code.UNAVAILABLE': '服务暂时不可用，请稍后重试',
    'error.code.TIMEOUT': '服务响应超时，请稍后重试',
    'error.code.INTERNAL': '系统出错了，请稍后重试',
    'error.code.SOLD_OUT': '该时段已约满，请选择其他日期或时段',
    'error.code.TOO_MANY_HOLDS': '您有太多待支付的预约，请先支付或取消后再预约',
    'error.code.NOT_ELIGIBLE': '体检人不符合该套餐的适用条件（性别或年龄）',
    'error.code.QUOTA_EXHAUSTED': '企业体检名额已用完，请联系公司 HR',
    'error.code.IDEMPOTENCY_CONFLICT': '预约信息已变更，请重新提交',
    'error.code.NOT_FOUND': '没有找到相关内容',
    'error.code.FORBIDDEN': '您的账号无权执行此操作',
    'error.code.PAYLOAD_TOO_LARGE': '提交的内容过大',
    'error.field.examinee.name': '请填写体检人姓名（不超过 32 个字）',
    'error.field.examinee.gender': '性别与身份证号不一致',
    'error.field.examinee.birthDate': '出生日期与身份证号不一致',
    'error.field.examinee.phone': '请填写 11 位中国大陆手机号',
    'error.field.idNumber': '身份证号有误，请核对',
    'error.field.date': '所选日期不可预约',
    'error.field.period': '所选时段不可预约',
  },
  en: {
    'common.retry': 'Retry',
    'common.copy': 'Copy',
    'common.copied': 'Copied',
    'common.traceId': 'Trace id',
    'common.cancel': 'Cancel',
    'common.confirm': 'OK',
    'common.save': 'Save',
    'common.refresh': 'Refresh',
    'common.search': 'Search',
    'common.none': 'Nothing here',
    'common.loading': 'Loading…',
    'error.network': 'No connection: check the network and try again',
    'error.forbidden': 'Your role may not do this',
    'error.unauthenticated': 'Your sign-in has expired; please sign in again',
    'check.name.required': "Enter the examinee's name",
    'check.name.format': 'At most 32 characters, without control characters',
    'check.id.required': 'Enter the resident ID number',
    'check.id.format': 'An ID number has 18 characters: 17 digits, then a digit or X',
    'check.id.checksum': 'The check digit does not match: is there a typing error?',
    'check.id.birth': 'The ID number holds no valid birth date',
    'check.gender.required': 'Choose a gender',
    'check.gender.mismatch': 'The gender does not match the ID number',
    'check.birth.required': 'Enter the birth date',
    'check.birth.format': 'Write the birth date as YYYY-MM-DD',
    'check.birth.future': 'The birth date cannot be after today',
    'check.birth.mismatch': 'The birth date does not match the ID number',
    'check.phone.required': 'Enter a mobile number',
    'check.phone.format': 'Enter an 11-digit mainland mobile number',
    'eligible.womenOnly': 'This package is for women only',
    'eligible.menOnly': 'This package is for men only',
    'eligible.tooYoung': 'For ages {min} and over; the examinee will be {age}',
    'eligible.tooOld': 'For ages up to {max}; the examinee will be {age}',
    'error.deadline': 'Too late to cancel or change: the deadline was {at}',
    'error.code.TOO_MANY_REQUESTS': 'Too many tries: please wait a moment',
    'error.code.TOO_MANY_REQUESTS.wait': 'Too many tries: please try again in {s} s',
    'error.code.UNAVAILABLE': 'The service is briefly unavailable; please try again',
    'error.code.TIMEOUT': 'The service took too long to answer; please try again',
    'error.code.INTERNAL': 'Something went wrong on our side; please try again',
    'error.code.SOLD_OUT': 'That time is fully booked: please pick another day or period',
    'error.code.TOO_MANY_HOLDS': 'You have too many unpaid bookings: pay or cancel one first',
    'error.code.NOT_ELIGIBLE': 'The examinee cannot take this package (gender or age)',
    'error.code.QUOTA_EXHAUSTED': "The company's places are all used: please ask your HR",
    'error.code.IDEMPOTENCY_CONFLICT': 'The booking details changed: please submit again',
    'error.code.NOT_FOUND': 'Not found',
    'error.code.FORBIDDEN': 'Your account may not do this',
    'error.code.PAYLOAD_TOO_LARGE': 'What was sent is too large',
    'error.field.examinee.name': "Enter the examinee's name (at most 32 characters)",
    'error.field.examinee.gender': 'The gender does not match the ID number',
    'error.field.examinee.birthDate': 'The birth date does not match the ID number',
    'error.field.examinee.phone': 'Enter an 11-digit mainland mobile number',
    'error.field.idNumber': 'The ID number is not right: please check it',
    'error.field.date': 'That day cannot be booked',
    'error.field.period': 'That period cannot be booked',
  },
})
