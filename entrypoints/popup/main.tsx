import { render } from 'preact';
import { Popup } from '../../components/popup/Popup';
import { uiLocale } from '../../i18n';
import './style.css';

// The page's language is the reader's (screen readers pick their voice from it).
document.documentElement.lang = uiLocale();
render(<Popup />, document.getElementById('app')!);
