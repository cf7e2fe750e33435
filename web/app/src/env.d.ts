/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/** The app's version (package.json), sent as X-App-Version on every call. */
declare const __APP_VERSION__: string
