import { openChromium } from './driver';
import { sampleArticleScenario } from './sample-article';

sampleArticleScenario(openChromium);
