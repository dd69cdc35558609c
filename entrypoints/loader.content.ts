import { startLoader } from '../content/loader';

/** The only script the manifest injects: waits for the load event, then has the background inject `content`. */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main: () => void startLoader(),
});
