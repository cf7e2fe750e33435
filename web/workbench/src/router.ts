import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { ElMessage } from 'element-plus'
import { session, type Session } from '@checkup/shared'
import { useDeskHospital } from './stores/deskHospital'

type Persona = Session['persona']

declare module 'vue-router' {
  interface RouteMeta {
    /** who may open the page; the API checks again, this only keeps menus honest */
    personas?: Persona[]
    /** i18n key of its menu entry */
    menu?: string
    group?: string
    /** the menu entry to highlight on a page that has none of its own (a campaign → campaigns) */
    menuParent?: string
  }
}

// Each page is its own chunk: a desk clerk never downloads the HR chart library.
export const pages: RouteRecordRaw[] = [
  { path: 'desk/arrivals', name: 'arrivals', component: () => import('./pages/desk/ArrivalsPage.vue'),
    meta: { personas: ['DESK'], menu: 'menu.arrivals', group: 'desk' } },
  { path: 'desk/capacity', name: 'capacity', component: () => import('./pages/desk/CapacityPage.vue'),
    meta: { personas: ['DESK'], menu: 'menu.capacity', group: 'desk' } },
  { path: 'desk/no-shows', name: 'no-shows', component: () => import('./pages/desk/NoShowsPage.vue'),
    meta: { personas: ['DESK'], menu: 'menu.noShows', group: 'desk' } },
  { path: 'tasks', name: 'tasks', component: () => import('./pages/desk/TasksPage.vue'),
    meta: { personas: ['DESK', 'OPS'], menu: 'menu.tasks', group: 'desk' } },
  { path: 'hr/campaigns', name: 'campaigns', component: () => import('./pages/hr/CampaignsPage.vue'),
    meta: { personas: ['HR'], menu: 'menu.campaigns', group: 'hr' } },
  { path: 'hr/campaigns/:id', name: 'campaign', component: () => import('./pages/hr/CampaignPage.vue'),
    meta: { personas: ['HR'], menuParent: 'campaigns' } },
  { path: 'ops/flags', name: 'flags', component: () => import('./pages/ops/FlagsPage.vue'),
    meta: { personas: ['OPS'], menu: 'menu.flags', group: 'ops' } },
  { path: 'ops/sync', name: 'sync', component: () => import('./pages/ops/SyncPage.vue'),
    meta: { personas: ['OPS', 'TESTER'], menu: 'menu.sync', group: 'ops' } },
  { path: 'ops/messages', name: 'messages', component: () => import('./pages/ops/MessagesPage.vue'),
    meta: { personas: ['OPS', 'TESTER'], menu: 'menu.messages', group: 'ops' } },
  { path: 'ops/lanes', name: 'lanes', component: () => import('./pages/ops/LanesPage.vue'),
    meta: { personas: ['OPS', 'TESTER'], menu: 'menu.lanes', group: 'ops' } },
  { path: 'tester/console', name: 'console', component: () => import('./pages/tester/ConsolePage.vue'),
    meta: { personas: ['TESTER'], menu: 'menu.console', group: 'tester' } },
  { path: 'forbidden', name: 'forbidden', component: () => import('./pages/ForbiddenPage.vue') },
]

/** Where each persona lands after signing in. */
export const HOME: Record<Persona, string> = {
  DESK: 'arrivals',
  HR: 'campaigns',
  OPS: 'flags',
  TESTER: 'console',
  CONSUMER: 'forbidden',
}

export function mayOpen(personas: Persona[] | undefined): boolean {
  const p = session.value?.persona
  return !!p && (!personas || personas.includes(p))
}

export const router = createRouter({
  history: createWebHistory('/workbench/'),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
    {
      path: '/',
      component: () => import('./layouts/ShellLayout.vue'),
      children: [
        // the redirect runs before the guard: a signed-out visitor goes to the login page, not to "forbidden"
        { path: '', name: 'home', redirect: () => (session.value ? { name: HOME[session.value.persona] } : { name: 'login' }) },
        ...pages,
        { path: ':rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
      ],
    },
  ],
})

// a message about the page being left does not follow the user to the next one
router.afterEach(() => ElMessage.closeAll())

router.beforeEach(async (to) => {
  if (to.name === 'login') return true
  if (!session.value) return { name: 'login', query: { redirect: to.fullPath } }
  if (!mayOpen(to.meta.personas)) return { name: 'forbidden', query: { page: to.fullPath } }
  // a desk's "today" is its hospital's: known before its first page asks for today's arrivals
  if (session.value.persona === 'DESK') await useDeskHospital().load()
  return true
})
