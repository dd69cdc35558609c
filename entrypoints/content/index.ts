import '../../components/card.css';
import { startContent } from '../../content';

/**
 * Gloss's main content script. Not in the manifest: the background injects it
 * (`browser.scripting.executeScript`, background/injection.ts) once a page has loaded.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  // Not awaited: executeScript would otherwise wait for the first matching pass.
  main: (ctx) => void startContent(ctx),
});
