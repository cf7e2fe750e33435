import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { showToast } from 'vant'
import { session, t, whenOnline } from '@checkup/shared'

declare module 'vue-router' {
  interface RouteMeta {
    /** open without signing in */
    open?: boolean
    /** a page of the tab bar */
    tab?: boolean
  }
}

const params = (r: RouteLocationNormalized) => r.params
const query = (r: RouteLocationNormalized) => ({ ...r.query })

// Each page is its own chunk; the hospital list (the first page after signing in) is small.
export const router = createRouter({
  history: createWebHistory('/app/'),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { open: true } },
    { path: '/', redirect: '/hospitals' },
    { path: '/hospitals', name: 'hospitals', component: () => import('./pages/HospitalsPage.vue'), meta: { tab: true } },
    { path: '/hospitals/:hospitalId', name: 'hospital', component: () => import('./pages/HospitalPage.vue'), props: params },
    { path: '/hospitals/:hospitalId/packages/:packageId', name: 'package', component: () => import('./pages/PackagePage.vue'), props: params },
    { path: '/book', name: 'book', component: () => import('./pages/BookPage.vue'), props: query },
    { path: '/bookings', name: 'bookings', component: () => import('./pages/BookingsPage.vue'), meta: { tab: true } },
    { path: '/bookings/:id', name: 'booking', component: () => import('./pages/BookingPage.vue'), props: params },
    { path: '/redeem', name: 'redeem', component: () => import('./pages/RedeemPage.vue') },
    { path: '/inbox', name: 'inbox', component: () => import('./pages/InboxPage.vue'), meta: { tab: true } },
    { path: '/me', name: 'me', component: () => import('./pages/MePage.vue'), meta: { tab: true } },
    { path: '/:rest(.*)*', redirect: '/hospitals' },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

router.beforeEach((to) => {
  if (to.meta.open) return true
  if (!session.value) return { name: 'login', query: { redirect: to.fullPath } }
  return true
})

/** A page's code that could not be loaded (no network): the only navigation failure the app expects. */
function pageNotLoaded(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error)
  return /dynamically imported module|module script failed|Failed to fetch|preload/i.test(text)
}

/**
 * A tap on a page whose code is not loaded yet, while the network is gone: said, and the user is taken there as soon
 * as it is back (the tap is not lost). Every push and replace (the tab bar's and cells' links included) settles
 * instead of failing, so nothing is left unhandled.
 */
router.onError((error: unknown, to) => {
  if (!pageNotLoaded(error)) return
  showToast({ message: t('error.network'), position: 'bottom' })
  void whenOnline().then(() => router.push(to.fullPath))
})
for (const method of ['push', 'replace'] as const) {
  const original = router[method].bind(router)
  router[method] = ((to: Parameters<typeof original>[0]) =>
    original(to).catch((e: unknown) => {
      if (pageNotLoaded(e)) return undefined
      throw e
    })) as typeof original
}
