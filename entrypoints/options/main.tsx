import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import '../../components/pages.css';
import { t, uiLocale } from '../../i18n';

document.documentElement.lang = uiLocale();
document.title = t('optionsTitle');
render(<OptionsPage />, document.getElementById('app')!);
