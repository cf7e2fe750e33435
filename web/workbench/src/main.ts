import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { whenUnauthenticated } from '@checkup/shared'
import './messages'

// A 401 from any call: back to the login page, remembering where the user was.
whenUnauthenticated(() => {
  const here = router.currentRoute.value
  if (here.name !== 'login') void router.push({ name: 'login', query: { redirect: here.fullPath, expired: '1' } })
})

createApp(App).use(createPinia()).use(router).mount('#app')
