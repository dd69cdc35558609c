// The bundled sample article: the project's sample page (one copy, in tests/fixtures),
// parsed as an inert document and moved into this page, then Gloss's page code started
// here directly, as no browser injects extension scripts into the extension's own pages.
import article from '../../tests/fixtures/sample/mamdani-nypd-ice.html?raw';
import { startContent } from '../../content';
import { t } from '../../i18n';

const doc = new DOMParser().parseFromString(article, 'text/html');
document.title = doc.title;
for (const style of doc.head.querySelectorAll('style')) document.head.append(document.adoptNode(style));
// Scripts in the article (its JSON-LD) are not needed and would not run here.
for (const script of doc.body.querySelectorAll('script')) script.remove();
const notice = document.querySelector('.gloss-sample-notice');
if (notice) notice.textContent = t('sampleNotice');
const body = document.adoptNode(doc.body);
const content = document.createDocumentFragment();
while (body.firstChild) content.append(body.firstChild);
document.body.insertBefore(content, notice?.nextSibling ?? null);

void startContent().catch(() => undefined);
