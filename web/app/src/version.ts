/** The app's version (web/app/package.json), sent as X-App-Version so lane rules can route a version (e.g. one under store review). */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0'
