/** The hostile page (issue 11) in Chromium and in Firefox. */
import { describe } from 'vitest';
import { openChromium, openFirefox } from './driver';
import { hostilePageScenario } from './hostile-page';

describe('in Chromium', () => hostilePageScenario(openChromium));
describe('in Firefox', () => hostilePageScenario(openFirefox));
