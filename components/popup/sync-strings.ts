/**
 * The sync view's words (i18n keys `sync*` in public/_locales/<lang>/messages.json).
 * Getters, so each read follows the browser's language. Plain text only.
 */
import { t, tn } from '../../i18n';

export const S = {
  get browserTitle() { return t('syncBrowserTitle'); },
  get browserIntro() { return t('syncBrowserIntro'); },
  get serverTitle() { return t('syncServerTitle'); },
  get serverIntro() { return t('syncServerIntro'); },
  used: (kb: number, of: number) => t('syncUsed', kb, of),
  get nearFull() { return t('syncNearFull'); },
  notSynced: (n: number) => tn('syncNotSynced', n),
  lastSync: (when: string) => t('syncLast', when),
  waiting: (n: number) => tn('syncWaiting', n),
  conflicts: (n: number) => tn('syncConflicts', n),
  get off() { return t('syncOff'); },
  get syncNow() { return t('syncNow'); },
  get syncing() { return t('syncRunning'); },
  get stop() { return t('syncStop'); },
  get turnOn() { return t('syncTurnOn'); },
  get change() { return t('syncChange'); },
  get save() { return t('syncSave'); },
  get cancel() { return t('syncCancel'); },
  get url() { return t('syncUrl'); },
  get db() { return t('syncDb'); },
  get authKind() { return t('syncAuthKind'); },
  get authNone() { return t('syncAuthNone'); },
  get authBasic() { return t('syncAuthBasic'); },
  get authBearer() { return t('syncAuthBearer'); },
  get user() { return t('syncUser'); },
  get password() { return t('syncPassword'); },
  get token() { return t('syncToken'); },
  get passphrase() { return t('syncPassphrase'); },
  get passphraseHelp() { return t('syncPassphraseHelp'); },
  get never() { return t('syncNever'); },
  get conflictIntro() { return t('syncConflictIntro'); },
  get dismiss() { return t('syncDismiss'); },
  get deleteOverridden() { return t('syncDeleteOverridden'); },
  get deleteAnyway() { return t('syncDeleteAnyway'); },
  get keep() { return t('syncKeep'); },
};
