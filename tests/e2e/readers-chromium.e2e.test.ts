import { openChromium } from './driver';
import { readersScenario } from './readers';

readersScenario(openChromium, { args: ['--lang=de'], env: { LANGUAGE: 'de' } });
