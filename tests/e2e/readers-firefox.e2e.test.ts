import { openFirefox } from './driver';
import { readersScenario } from './readers';

readersScenario(openFirefox, {
  // German, and dark: Firefox over WebDriver BiDi cannot emulate the colour scheme, so this session is dark by pref.
  prefs: { 'intl.locale.requested': 'de', 'layout.css.prefers-color-scheme.content-override': 0 },
});
