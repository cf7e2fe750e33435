import { createApp } from 'vue'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { setAppVersion, whenUnauthenticated } from '@checkup/shared'
import { APP_VERSION } from './version'
import './messages'

// every call says which app version makes it (the gateway's lane rules may route by it)
setAppVersion(APP_VERSION)

// a 401 from any call: back to sign-in, then to the page the user was on
whenUnauthenticated(() => {
  const here = router.currentRoute.value
  if (here.name !== 'login') void router.replace({ name: 'login', query: { redirect: here.fullPath, expired: '1' } })
})

createApp(App).use(router).mount('#app')
