// The bundled sample article runs Gloss's page code directly: no browser injects
// extension scripts into the extension's own pages.
import { startContent } from '../../content';
import { t } from '../../i18n';

const notice = document.querySelector('.gloss-sample-notice');
if (notice) notice.textContent = t('sampleNotice');
void startContent().catch(() => undefined);
