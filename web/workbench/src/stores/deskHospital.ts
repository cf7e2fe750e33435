import { defineStore } from 'pinia'
import { api, unwrap, useZone, type components } from '@checkup/shared'

type Hospital = components['schemas']['HospitalView']

/**
 * The desk's own hospital, read once after sign-in: its name for the header and its time zone, which decides the
 * desk's "today" and every time shown. Until it is known (or if it cannot be read) the default zone stands.
 */
export const useDeskHospital = defineStore('deskHospital', {
  state: () => ({ hospital: null as Hospital | null, loaded: false }),
  actions: {
    async load(): Promise<void> {
      if (this.loaded) return
      try {
        this.hospital = await unwrap(api.GET('/api/desk/hospital'))
        useZone(this.hospital?.timezone)
      } catch {
        useZone(null) // the pages still work in the default zone; their own calls show any error
      } finally {
        this.loaded = true
      }
    },
    forget(): void {
      this.hospital = null
      this.loaded = false
      useZone(null)
    },
  },
})
