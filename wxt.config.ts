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
    name: 'Gloss',
    description: 'Context where you read: known people, organisations, places and fact-checked claims, highlighted in news articles.',
    // scripting: the background injects Gloss (script and highlight styles) once a page has loaded.
    permissions: ['storage', 'activeTab', 'alarms', 'unlimitedStorage', 'contextMenus', 'scripting'],
    host_permissions: ['<all_urls>'],
    commands: {
      'next-annotation': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Move to the next Gloss annotation and open its card',
      },
      'add-note': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: 'Add a Gloss note on the selected text',
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
