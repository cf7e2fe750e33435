import { defineStore } from 'pinia'
import { api, unwrap, useZone, type components } from '@checkup/shared'

type Hospital = components['schemas']['HospitalView']
type Package = components['schemas']['PackageView']

/**
 * The desk's own hospital, read once after sign-in: its name for the header, its time zone, which decides the
 * desk's "today" and every time shown, and its packages' names (bookings carry only the package id). Until it is
 * known (or if it cannot be read) the default zone stands and packages show their ids.
 */
export const useDeskHospital = defineStore('deskHospital', {
  state: () => ({ hospital: null as Hospital | null, packages: [] as Package[], loaded: false }),
  getters: {
    packageName: (state) => (id: string | null | undefined) => state.packages.find((p) => p.packageId === id)?.name ?? id ?? '',
  },
  actions: {
    async load(): Promise<void> {
      if (this.loaded) return
      try {
        this.hospital = await unwrap(api.GET('/api/desk/hospital'))
        useZone(this.hospital?.timezone)
        this.packages = await unwrap(api.GET('/api/app/hospitals/{id}/packages', { params: { path: { id: this.hospital.hospitalId! } } }))
      } catch {
        useZone(null) // the pages still work in the default zone; their own calls show any error
      } finally {
        this.loaded = true
      }
    },
    forget(): void {
      this.hospital = null
      this.packages = []
      this.loaded = false
      useZone(null)
    },
  },
})
