import type { Settings } from '../../preload/payloads';
import type { ArchivePorts } from './archive-actions';
import type { DesktopNotification } from './notifications';

/** What the desktop core asks of Electron, as small interfaces (docs/architecture.md, rule 6). */
export interface DesktopPorts extends ArchivePorts {
  openExternal(url: string): Promise<void>;
  notify(notification: DesktopNotification): void;
  /** Asks the person whether secrets may go into a plain (0600) file where no keychain answers. */
  confirmPlainTextVault(): Promise<boolean>;
  setLaunchAtLogin(enabled: boolean): void;
  setTheme(theme: Settings['theme']): void;
  /** Opens the folder of the app's log files in the system's file manager: main knows where it is, the window never does. */
  openLogFolder(): Promise<void>;
}
