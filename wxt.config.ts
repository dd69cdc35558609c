import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Gloss's Firefox add-on id (also in scripts/lib/browsers.mjs for the tests). */
export const GECKO_ID = 'gloss@gloss-extension.org';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // GLOSS_OUT_DIR lets parallel builds (several developers' test runs) keep apart.
  outDir: process.env.GLOSS_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    default_locale: 'en',
    description: '__MSG_extDescription__',
    // The toolbar button: icons generated from assets/icon.svg (npm run icons); Firefox needs them named here.
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' } },
    // Only what Gloss uses (PRIVACY.md says why, for readers): scripting, so the background
    // injects Gloss (script and highlight styles) once a page has loaded; storage and
    // unlimitedStorage for sources and notes; alarms for source refreshes; contextMenus for
    // "Add Gloss note". Pages are reached through the host permissions, http and https only.
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'contextMenus', 'scripting'],
    host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'next-annotation': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_cmdNextAnnotation__',
      },
      'add-note': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_cmdAddNote__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // A fixed id: the same add-on across versions on addons.mozilla.org, and storage kept on update.
            // Gloss sends nothing anywhere: page text stays on the device.
            gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            // data_collection_permissions needs Firefox for Android 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // CSS custom highlights, color-mix(), action.setBadgeTextColor and Intl APIs Gloss uses.
        { minimum_chrome_version: '116' }),
  }),
});
