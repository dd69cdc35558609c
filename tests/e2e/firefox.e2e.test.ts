import { dynamicPageScenario } from './dynamic-page';
import { openFirefox } from './driver';
import { sampleArticleScenario } from './sample-article';

sampleArticleScenario(openFirefox);
dynamicPageScenario(openFirefox);
