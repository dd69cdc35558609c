import { openFirefox } from './driver';
import { sampleArticleScenario } from './sample-article';

sampleArticleScenario(openFirefox);
