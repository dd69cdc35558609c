/** First run: the welcome page opens when Gloss is installed, not when it is updated or reloaded. */
import { browser } from 'wxt/browser';

export const WELCOME_PAGE = '/welcome.html';

export function startWelcome(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE as '/welcome.html') }).catch(() => undefined);
  });
}
