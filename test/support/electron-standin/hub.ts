// What the pieces of one stand-in share: its configuration, the problems it noticed, its open windows and the
// Chromium that shows them. One hub per boot, so a restart starts from nothing.
import { PageHost } from './page-host';
import { StandinIpcMain } from './ipc-main';
import type { StandinApp } from './app';
import { StandinSession } from './session';

export type PathName = Parameters<Electron.App['getPath']>[0];

export interface StandinConfig {
  /** app.getPath('userData'): the app's data folder. */
  userData: string;
  /** app.getAppPath(): the folder holding package.json (the repository root). */
  appPath: string;
  /** process.argv as this instance would have it, handed to the first instance on 'second-instance'. */
  argv: string[];
  cwd: string;
  /** Overrides for app.getPath(); the others are derived from userData. */
  paths?: Partial<Record<PathName, string>>;
  /** Whether the "operating system" prefers dark colours (nativeTheme). */
  systemDark?: boolean;
}

/** A window as the rest of the stand-in sees it. */
export interface HubWindow {
  readonly id: number;
  close(): void;
  destroy(): void;
  isDestroyed(): boolean;
  isVisible(): boolean;
}

export class Hub {
  /** Things a test should fail on: a page error, a missing icon, a call after exit... Each names its cause. */
  readonly problems: string[] = [];
  /** console.error output of the windows' pages (the app's own; a CSP complaint lands here too), oldest first. */
  readonly consoleErrors: string[] = [];
  /** Open windows, oldest first. */
  readonly windows: HubWindow[] = [];
  readonly ipcMain = new StandinIpcMain();
  /** session.defaultSession, which every window's webContents.session is. */
  readonly session = new StandinSession();
  readonly host: PageHost;
  exited = false;
  /** Set right after construction (the app needs the hub first). */
  app!: StandinApp;
  private nextWebContentsId = 1;

  /** Set by the app: called when the last window is gone, and when a window refused to close. */
  onWindowClosed: () => void = () => {};
  onCloseCancelled: () => void = () => {};

  constructor(readonly config: StandinConfig) {
    this.host = new PageHost(config.appPath);
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  webContentsId(): number {
    return this.nextWebContentsId++;
  }

  /** Guards calls that a dead process could not make: recorded, so a test sees work that outlived Quit. */
  alive(what: string): boolean {
    if (this.exited) this.problem(`${what} called after the app exited`);
    return !this.exited;
  }
}
