/**
 * The toolbar badge: how many distinct things (entities and claims) Gloss shows on
 * the tab's page, as its content script reports them. Off in the options page
 * (`showBadge`); a tab's badge goes with its page, as the browser resets per-tab
 * badges on navigation.
 */
import { browser } from 'wxt/browser';
import { formatNumber } from '../i18n';
import type { Handlers } from '../messaging/client';
import { showBadge } from '../storage/settings';

/** The same ink as the icon's tile: white digits on it read at 4.5:1 and more. */
const BADGE_COLOR = '#17406d';

type ActionApi = {
  setBadgeText(d: { text: string; tabId?: number }): Promise<void>;
  setBadgeBackgroundColor(d: { color: string; tabId?: number }): Promise<void>;
  setBadgeTextColor?(d: { color: string; tabId?: number }): Promise<void>;
};

/** Chrome MV3 has `action`, Firefox MV2 `browserAction`. */
const action = (): ActionApi | undefined => ((browser as unknown as { action?: ActionApi }).action ?? (browser as unknown as { browserAction?: ActionApi }).browserAction);

/** "1" … "999", then "999+": a badge holds about four characters. */
export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 999 ? `${formatNumber(999)}+` : formatNumber(Math.floor(count));
}

async function setCount(tabId: number, count: number): Promise<void> {
  const a = action();
  if (!a) return;
  const text = (await showBadge.getValue()) ? badgeText(count) : '';
  await a.setBadgeText({ tabId, text });
  if (text) {
    await a.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    await a.setBadgeTextColor?.({ tabId, color: '#ffffff' });
  }
}

export function badgeHandlers(): Handlers<'page/found'> {
  return {
    'page/found': async ({ count }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || typeof count !== 'number') return { ok: false };
      await setCount(tabId, count).catch(() => undefined);
      return { ok: true };
    },
  };
}

/** Turning the badge off clears it everywhere; turning it on shows it as pages next report. */
export function startBadge(rematch: () => Promise<void>): void {
  showBadge.watch(async (on) => {
    if (on) return void (await rematch());
    const tabs = await browser.tabs.query({}).catch(() => []);
    await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : action()?.setBadgeText({ tabId: t.id, text: '' }).catch(() => undefined))));
  });
}
