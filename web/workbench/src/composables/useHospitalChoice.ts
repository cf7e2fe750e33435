import { ref, watch } from 'vue'
import { api, unwrap, useLoad, type components } from '@checkup/shared'

type Hospital = components['schemas']['HospitalView']
type City = components['schemas']['CityView']

/**
 * Picking a hospital among thousands: a city first (the cities with their counts), then that city's hospitals (a city
 * has a few dozen at most: one page of 200 holds them). Without a city, the first 200 by id.
 */
export function useHospitalChoice() {
  const city = ref('')
  const cities = useLoad(() => unwrap(api.GET('/api/app/cities')), [] as City[])
  const hospitals = useLoad(async () => (await unwrap(api.GET('/api/app/hospitals', {
    params: { query: { city: city.value || undefined, limit: 200 } },
  }))).items ?? [], [] as Hospital[])
  watch(city, () => void hospitals.reload())
  return { city, cities, hospitals }
}
