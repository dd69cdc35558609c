import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

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
    // scripting: the background injects Gloss (script and highlight styles) once a page has loaded.
    permissions: ['storage', 'activeTab', 'alarms', 'unlimitedStorage', 'contextMenus', 'scripting'],
    host_permissions: ['<all_urls>'],
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
      ? { browser_specific_settings: {
            // Gloss sends nothing anywhere: page text stays on the device.
            gecko: { id: 'gloss@gloss.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
          } }
      : {}),
  }),
});
