import type { Settings } from '../../preload/payloads';
import { errorDetail, type Logger } from '../log';
import type { SyncScheduler } from '../sync/sync-scheduler';
import type { EventHub } from './event-hub';
import { settingsSetAsideNotice, type DesktopNotification } from './notifications';
import type { SettingsSetAside, SettingsSource } from './settings-store';

export interface SettingsActionsDeps {
  settings: SettingsSource;
  scheduler: Pick<SyncScheduler, 'reconfigure'>;
  events: EventHub;
  logger: Logger;
  setLaunchAtLogin: (enabled: boolean) => void;
  setTheme: (theme: Settings['theme']) => void;
  notify: (notification: DesktopNotification) => void;
  /** The state changed (a pause, the next sync's time). */
  changed: () => void;
}

/** The settings the window shows and changes, applied at once: the scheduler, the login item, the theme, the window. */
export class SettingsActions {
  constructor(private readonly deps: SettingsActionsDeps) {
    // Before the first read, which finds a file that went bad while Splits was not running. Told after the read that
    // found it: that read may be the middle of drawing the state.
    deps.settings.onSetAside((setAside) => queueMicrotask(() => this.setAside(setAside)));
  }

  get(): Settings {
    return this.deps.settings.get();
  }

  /** Stores a change (every value checked first) and applies it at once: the scheduler, login item, theme. */
  set(patch: unknown): Settings {
    const before = this.deps.settings.get();
    const after = this.deps.settings.set(patch);
    this.apply(after, before);
    return after;
  }

  /** At start: the login item and the theme as the settings say (the scheduler was made with them). */
  applyAtStart(): void {
    const settings = this.deps.settings.get();
    this.deps.setLaunchAtLogin(settings.launchAtLogin);
    this.deps.setTheme(settings.theme);
  }

  /** Settings now in force reach the scheduler, the login item and the theme (those that changed since `before`), and the window. */
  private apply(after: Settings, before: Settings | null): void {
    const changed = (...keys: Array<keyof Settings>) =>
      before === null || keys.some((key) => after[key] !== before[key]);
    if (changed('backgroundSync', 'syncIntervalMinutes'))
      this.deps.scheduler.reconfigure({ enabled: after.backgroundSync, intervalMinutes: after.syncIntervalMinutes });
    if (changed('launchAtLogin')) this.deps.setLaunchAtLogin(after.launchAtLogin);
    if (changed('theme')) this.deps.setTheme(after.theme);
    this.deps.events.emit('settings:changed', after);
    this.deps.changed();
  }

  /** A bad settings file was replaced by the defaults (at start, or edited by hand while running): they apply everywhere now, and the person is told. */
  private setAside(setAside: SettingsSetAside): void {
    const { logger } = this.deps;
    try {
      logger.warn(
        `the settings file could not be used (${setAside.reason}); ${setAside.aside ? `it was set aside as ${setAside.aside}` : 'it could not be moved aside'}, and the default settings apply`,
      );
      // Whatever the scheduler, the login item and the theme had, it came from the file that is gone.
      const settings = this.deps.settings.get();
      this.apply(settings, null);
      if (settings.notifications) this.deps.notify(settingsSetAsideNotice(setAside));
    } catch (error) {
      logger.error('applying the default settings failed', { error: errorDetail(error) });
    }
  }
}
