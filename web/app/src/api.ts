import { api, download, unwrap, type components } from '@checkup/shared'

/** The consumer's calls, through the one typed client (`@checkup/shared`): a path or field that does not exist fails the build. */
export type Hospital = components['schemas']['HospitalView']
export type HospitalPage = components['schemas']['HospitalPage']
export type City = components['schemas']['CityView']
export type Package = components['schemas']['PackageView']
export type Slot = components['schemas']['SlotAvailability']
export type Booking = components['schemas']['BookingView']
export type Examinee = components['schemas']['ExamineeInput']
export type Payment = components['schemas']['PaymentView']
export type Entitlement = components['schemas']['EntitlementView']
export type Period = 'MORNING' | 'AFTERNOON'
export const PERIODS: Period[] = ['MORNING', 'AFTERNOON']

export interface HoldInput {
  hospitalId: string
  packageId: string
  date: string
  period: Period
  examinee: Examinee
}

/** The one payment channel the platform offers here (locally a simulated one that calls back like a real one). */
export const PAYMENT_CHANNEL = 'SIMULATED'

export const calls = {
  /** one page of hospitals (of a city when given); pass the page's nextCursor for the next */
  hospitals: (city?: string, cursor?: string) =>
    unwrap(api.GET('/api/app/hospitals', { params: { query: { city: city || undefined, cursor: cursor || undefined } } })),
  hospital: (id: string) => unwrap(api.GET('/api/app/hospitals/{id}', { params: { path: { id } } })),
  cities: () => unwrap(api.GET('/api/app/cities')),
  packages: (hospitalId: string) => unwrap(api.GET('/api/app/hospitals/{id}/packages', { params: { path: { id: hospitalId } } })),
  availability: (hospitalId: string, packageId: string, from: string, to: string) =>
    unwrap(api.GET('/api/app/availability', { params: { query: { hospitalId, packageId, from, to } } })),
  hold: (input: HoldInput, key: string, signal?: AbortSignal) =>
    unwrap(api.POST('/api/app/bookings', { params: { header: { 'Idempotency-Key': key } }, body: input, signal })),
  bookings: () => unwrap(api.GET('/api/app/bookings')),
  booking: (id: string) => unwrap(api.GET('/api/app/bookings/{id}', { params: { path: { id } } })),
  cancel: (id: string, reason?: string) =>
    unwrap(api.POST('/api/app/bookings/{id}/cancel', { params: { path: { id } }, body: reason ? { reason } : {} })),
  reschedule: (id: string, date: string, period: Period) =>
    unwrap(api.POST('/api/app/bookings/{id}/reschedule', { params: { path: { id } }, body: { date, period } })),
  pay: (orderId: string, signal?: AbortSignal) =>
    unwrap(api.POST('/api/app/orders/{id}/pay', { params: { path: { id: orderId } }, body: { channel: PAYMENT_CHANNEL }, signal })),
  entitlement: (code: string) => unwrap(api.GET('/api/app/entitlements/{code}', { params: { path: { code } } })),
  bookWithEntitlement: (code: string, date: string, period: Period, signal?: AbortSignal) =>
    unwrap(api.POST('/api/app/entitlements/{code}/booking', { params: { path: { code } }, body: { date, period }, signal })),
  /** the report file (the examinee only), saved by the browser; the token goes in a header, never in a URL */
  report: (id: string) => download(`/api/app/bookings/${encodeURIComponent(id)}/report`, `checkup-report-${id}.pdf`),
}
