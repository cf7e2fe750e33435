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
  },
})
