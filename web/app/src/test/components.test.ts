import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { ApiError, setLocale } from '@checkup/shared'
import '../messages'
import SlotCalendar from '../components/SlotCalendar.vue'
import PackageCard from '../components/PackageCard.vue'
import ExamineeForm from '../components/ExamineeForm.vue'
import StatusTimeline from '../components/StatusTimeline.vue'
import ErrorState from '../components/ErrorState.vue'
import { noticeText } from '../composables/notices'
import type { Booking, Package } from '../api'

beforeEach(() => setLocale('zh-CN'))
afterEach(() => vi.unstubAllGlobals())

function answer(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

describe('the calendar of free places', () => {
  const slots = [
    { date: '2026-12-02', period: 'MORNING', open: true, remaining: 12 },
    { date: '2026-12-02', period: 'AFTERNOON', open: true, remaining: 0 },
    { date: '2026-12-03', period: 'MORNING', open: true, remaining: 0 },
    { date: '2026-12-03', period: 'AFTERNOON', open: true, remaining: 0 },
    { date: '2026-12-04', period: 'MORNING', open: false, remaining: 40 },
    { date: '2026-12-04', period: 'AFTERNOON', open: false, remaining: 20 },
  ]

  async function calendar() {
    const seen: string[] = []
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => { seen.push(req.url); return answer(slots) }))
    const w = mount(SlotCalendar, { props: { hospitalId: 'H001', packageId: 'H001-CT', from: '2026-12-02', to: '2026-12-04', today: '2026-12-02' } })
    await flushPromises()
    return { w, seen }
  }

  it('asks the availability of the package over the days shown, and says the places left per day', async () => {
    const { w, seen } = await calendar()
    expect(seen[0]).toContain('/api/app/availability?hospitalId=H001&packageId=H001-CT&from=2026-12-02&to=2026-12-04')
    expect(w.get('[data-test="day-2026-12-02"]').text()).toContain('余12')
    expect(w.get('[data-test="day-2026-12-03"]').text()).toContain('约满')
    expect(w.get('[data-test="day-2026-12-04"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-test="day-2026-12-05"]').attributes('disabled')).toBeDefined()
  })

  it('picks the only period left on a day by itself; a full period cannot be picked', async () => {
    const { w } = await calendar()
    await w.get('[data-test="day-2026-12-02"]').trigger('click')
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([{ date: '2026-12-02', period: 'MORNING' }])
    expect(w.get('[data-test="period-AFTERNOON"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-test="period-AFTERNOON"]').text()).toContain('约满')
  })
})

describe('a package', () => {
  const ct: Package = { packageId: 'H001-CT', name: 'Executive check-up with chest CT', priceCents: 129900, gender: 'ANY', minAge: 25, maxAge: 120,
    items: [{ itemId: 'CT-CHEST', name: 'Low-dose chest CT', resource: 'CT' }] }

  it('says who it suits and what it costs', () => {
    const w = mount(PackageCard, { props: { pkg: ct } })
    expect(w.text()).toContain('¥1299.00')
    expect(w.text()).toContain('男女通用')
    expect(w.text()).toContain('25 岁以上')
  })

  it('is explained, not hidden, when the examinee cannot take it', async () => {
    const w = mount(PackageCard, { props: { pkg: ct, examinee: { gender: 'MALE', age: 24 } } })
    expect(w.get('[data-test="unsuitable"]').text()).toBe('该套餐适合 25 岁及以上，体检时为 24 岁')
    expect(w.get('[data-test="choose"]').attributes('disabled')).toBeDefined()
    await w.get('.toggle').trigger('click')
    expect(w.get('[data-test="items"]').text()).toContain('低剂量胸部 CT')
  })
})

describe('the examinee form', () => {
  it('fills birth date and gender from a valid ID, and says what is wrong once submitted', async () => {
    const model = { name: '', gender: '', birthDate: '', idNumber: '', phone: '' }
    const w = mount(ExamineeForm, {
      props: { today: '2026-12-02', modelValue: model, 'onUpdate:modelValue': (v: typeof model) => w.setProps({ modelValue: v }) },
    })
    await w.get('[data-test="id-number"] input').setValue('11010519491231002x')
    await nextTick()
    const filled = w.props('modelValue') as typeof model
    expect([filled.birthDate, filled.gender]).toEqual(['1949-12-31', 'FEMALE'])
    await w.get('[data-test="phone"] input').setValue('1370000')
    const ok = (w.vm as unknown as { validate: () => boolean }).validate()
    await nextTick()
    expect(ok).toBe(false)
    expect(w.get('[data-test="phone"]').text()).toContain('请填写 11 位中国大陆手机号')
    expect(w.get('[data-test="name"]').text()).toContain('请填写体检人姓名')
  })
})

describe('a booking timeline', () => {
  const base: Booking = { bookingId: 'B1', orderId: 'OB1', amountCents: 49900, status: 'CONFIRMED', createdAt: '2026-12-02T01:00:00Z', updatedAt: '2026-12-02T01:01:00Z' }

  it('shows where a booking is, from held to report', () => {
    const w = mount(StatusTimeline, { props: { booking: base } })
    const steps = w.findAll('.van-step')
    expect(steps.map((s) => s.attributes('data-test'))).toEqual(['step-HELD', 'step-CONFIRMED', 'step-CHECKED_IN', 'step-COMPLETED'])
    expect(w.get('.van-step--process').text()).toContain('支付成功，预约已确认')
  })

  it('ends a cancelled paid booking with its refund, on its way until the refund notice came', async () => {
    const w = mount(StatusTimeline, { props: { booking: { ...base, status: 'CANCELLED' }, refundCents: 49900 } })
    expect(w.text()).toContain('退款 ¥499.00 处理中')
    await w.setProps({ notices: [{ id: 'n1', kind: 'REFUNDED', bookingId: 'B1', createdAt: '2026-12-02T02:00:00Z', params: { amount: '499.00' } }] })
    expect(w.text()).toContain('已退款 ¥499.00')
  })
})

describe('words the user reads', () => {
  it('an error in their language, with a retry only when it can help', async () => {
    const sold = mount(ErrorState, { props: { error: new ApiError(409, 'SOLD_OUT', 'No CT place left for H001', 't-1') } })
    expect(sold.text()).toContain('该时段已约满')
    expect(sold.text()).toContain('t-1')
    expect(sold.find('[data-test="retry"]').exists()).toBe(false)
    const down = mount(ErrorState, { props: { error: ApiError.network('Failed to fetch') } })
    await down.get('[data-test="retry"]').trigger('click')
    expect(down.emitted('retry')).toHaveLength(1)
  })

  it('a notice worded from its kind and params, also without some of them', () => {
    const n = { id: '1', kind: 'BOOKING_CONFIRMED', hospitalId: 'H001', bookingId: 'B1',
      params: { hospitalName: '北京和睦体检中心', packageName: '基础套餐', examDate: '2026-12-03', period: 'MORNING' } }
    expect(noticeText(n)).toBe('北京和睦体检中心「基础套餐」，2026-12-03 上午。请按时到院，出示签到码。')
    expect(noticeText({ ...n, kind: 'REFUNDED', params: { amount: '499.00' } })).toBe('¥499.00 已原路退回（H001）。')
    setLocale('en')
    expect(noticeText({ ...n, kind: 'REPORT_READY' })).toBe('Your report for 基础套餐 at 北京和睦体检中心 is ready to download in the booking.')
  })
})
