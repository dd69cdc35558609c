import { dynamicPageScenario } from './dynamic-page';
import { openChromium } from './driver';
import { sampleArticleScenario } from './sample-article';

sampleArticleScenario(openChromium);
dynamicPageScenario(openChromium);
