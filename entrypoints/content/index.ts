import '../../components/card.css';
import { startContent } from '../../content';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main: (ctx) => startContent(ctx),
});
