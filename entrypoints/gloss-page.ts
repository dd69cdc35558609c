import { startContent } from '../content';

/**
 * Gloss's page script. Not in the manifest and not a WXT content script (whose
 * context a page can post to and switch off): the background injects it
 * (`browser.scripting.executeScript`, background/injection.ts) once a page has
 * loaded, at most once per document.
 */
export default defineUnlistedScript(() => {
  // Not awaited: executeScript would otherwise wait for the first matching pass.
  void startContent().catch(() => undefined);
});
