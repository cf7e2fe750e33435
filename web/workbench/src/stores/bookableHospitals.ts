import { defineStore } from 'pinia'
import { ApiError, api, unwrap, type components } from '@checkup/shared'

type Hospital = components['schemas']['BookableHospitalView']

/**
 * The hospitals HR's company may book (its agreements), with their packages: read once and shared by the campaign
 * pages, which show names where campaigns carry ids.
 */
export const useBookableHospitals = defineStore('bookableHospitals', {
  state: () => ({ hospitals: [] as Hospital[], loading: false, error: null as ApiError | null, loaded: false }),
  getters: {
    hospital: (state) => (id: string | null | undefined) => state.hospitals.find((h) => h.hospitalId === id),
    hospitalName(): (id: string | null | undefined) => string {
      return (id) => this.hospital(id)?.name ?? id ?? ''
    },
    packageName(): (hospitalId: string | null | undefined, packageId: string | null | undefined) => string {
      return (hospitalId, packageId) => this.hospital(hospitalId)?.packages?.find((p) => p.packageId === packageId)?.name ?? packageId ?? ''
    },
  },
  actions: {
    async load(force = false): Promise<void> {
      if ((this.loaded && !force) || this.loading) return
      this.loading = true
      this.error = null
      try {
        this.hospitals = await unwrap(api.GET('/api/hr/hospitals'))
        this.loaded = true
      } catch (e) {
        this.error = e instanceof ApiError ? e : ApiError.network(e)
      } finally {
        this.loading = false
      }
    },
  },
})
