import { render } from 'preact';
import '../../components/pages.css';
import { WelcomePage } from '../../components/welcome/WelcomePage';
import { t, uiLocale } from '../../i18n';

document.documentElement.lang = uiLocale();
document.title = t('welcomeTitle');
render(<WelcomePage />, document.getElementById('app')!);
