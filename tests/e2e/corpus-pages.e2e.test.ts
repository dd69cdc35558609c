/** Real saved news pages with Gloss, in Chromium and in Firefox. */
import { describe } from 'vitest';
import { corpusPagesScenario } from './corpus-pages';
import { openChromium, openFirefox } from './driver';

describe('in Chromium', () => corpusPagesScenario(openChromium));
describe('in Firefox', () => corpusPagesScenario(openFirefox));
