// app: readiness, the single-instance lock, paths, login items, and Electron's quit sequence:
//   quit() → 'before-quit' (preventable) → every window's 'close' (one prevented cancels the quit) → 'will-quit'
//   (preventable) → 'quit' → the process ends (`exited` resolves with the code).
// The last window closing outside a quit emits 'window-all-closed'; with no listener the app quits, as Electron does.
// A quit that completes before 'ready' means 'ready' never comes (the process is gone).
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Slice } from './electron-types';
import { electronEvent } from './events';
import type { Hub, PathName } from './hub';
import * as singleInstance from './single-instance';

type AppKeys =
  | 'whenReady'
  | 'isReady'
  | 'quit'
  | 'exit'
  | 'relaunch'
  | 'focus'
  | 'getPath'
  | 'setPath'
  | 'getName'
  | 'setName'
  | 'getVersion'
  | 'getLocale'
  | 'getAppPath'
  | 'isPackaged'
  | 'dock'
  | 'setAppUserModelId'
  | 'setLoginItemSettings'
  | 'getLoginItemSettings'
  | 'requestSingleInstanceLock'
  | 'hasSingleInstanceLock'
  | 'releaseSingleInstanceLock';

export class StandinApp extends EventEmitter implements Slice<Electron.App, AppKeys> {
  readonly isPackaged = false;
  /** Electron has no dock object on Linux and Windows. */
  readonly dock = undefined;
  /** Every setLoginItemSettings call, oldest first. */
  readonly loginItemCalls: Electron.Settings[] = [];
  appUserModelId: string | null = null;
  /** Resolves with the exit code when the "process" ends (quit or exit). */
  readonly exited: Promise<number>;
  private ready = false;
  private quitting = false;
  private exitCode: number | null = null;
  private resolveExit!: (code: number) => void;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private readonly paths: Map<PathName, string>;
  private name: string;
  private readonly version: string;
  private loginItem: Electron.Settings = {};

  constructor(private readonly hub: Hub) {
    super();
    const pkg = JSON.parse(readFileSync(join(hub.config.appPath, 'package.json'), 'utf8')) as {
      name: string;
      productName?: string;
      version: string;
    };
    this.name = pkg.productName ?? pkg.name;
    this.version = pkg.version;
    const userData = hub.config.userData;
    this.paths = new Map<PathName, string>([
      ['userData', userData],
      ['sessionData', userData],
      ['appData', dirname(userData)],
      ['logs', join(userData, 'logs')],
      ['crashDumps', join(userData, 'Crashpad')],
      ['temp', tmpdir()],
      ['home', homedir()],
      ['exe', process.execPath],
      ['module', process.execPath],
      ...(Object.entries(hub.config.paths ?? {}) as Array<[PathName, string]>),
    ]);
    this.readyPromise = new Promise((r) => (this.resolveReady = r));
    this.exited = new Promise((r) => (this.resolveExit = r));
    hub.onWindowClosed = () => this.lastWindowClosed();
    hub.onCloseCancelled = () => (this.quitting = false);
  }

  // ---- readiness ----

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Called by the harness once the entry module has been evaluated, as Electron does. */
  emitReady(): void {
    if (this.ready || this.exitCode !== null) return;
    this.ready = true;
    this.emit('ready', electronEvent(), {});
    this.resolveReady();
  }

  // ---- lifecycle ----

  quit(): void {
    if (this.quitting || !this.hub.alive('app.quit()')) return;
    const before = electronEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.quitting = true;
    const windows = [...this.hub.windows];
    if (windows.length === 0) return this.willQuit();
    // Closing: each window may refuse ('close' prevented), which cancels the quit; the last 'closed' continues it.
    for (const win of windows) {
      if (!this.quitting) return;
      win.close();
    }
  }

  exit(exitCode = 0): void {
    if (this.exitCode !== null) return;
    // No 'close', 'before-quit' or 'will-quit': windows are destroyed and the process ends.
    for (const win of [...this.hub.windows]) win.destroy();
    this.end(exitCode);
  }

  relaunch(): void {
    this.hub.problem('app.relaunch() is not modelled: boot again with bootDesktopApp');
  }

  focus(): void {}

  // ---- identity and paths ----

  getPath(name: PathName): string {
    const path = this.paths.get(name);
    // Electron throws for a path it cannot find; the stand-in for one nobody configured.
    if (path === undefined)
      throw new Error(`Failed to get '${name}' path (not set in the electron stand-in; pass it in paths)`);
    return path;
  }

  setPath(name: PathName, path: string): void {
    this.paths.set(name, path);
  }

  getName(): string {
    return this.name;
  }

  setName(name: string): void {
    this.name = name;
  }

  getVersion(): string {
    return this.version;
  }

  getLocale(): string {
    return 'en-US';
  }

  getAppPath(): string {
    return this.hub.config.appPath;
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  setLoginItemSettings(settings: Electron.Settings): void {
    this.loginItemCalls.push(settings);
    this.loginItem = { ...this.loginItem, ...settings };
  }

  getLoginItemSettings(): Electron.LoginItemSettings {
    const openAtLogin = this.loginItem.openAtLogin ?? false;
    return {
      openAtLogin,
      wasOpenedAtLogin: false,
      status: openAtLogin ? 'enabled' : 'not-registered',
      executableWillLaunchAtLogin: openAtLogin,
      launchItems: [],
    };
  }

  // ---- one instance ----

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const { userData } = this.hub.config;
    return singleInstance.acquire(userData, this, this.hub.config.argv, this.hub.config.cwd, additionalData ?? {});
  }

  hasSingleInstanceLock(): boolean {
    return singleInstance.holds(this.hub.config.userData, this);
  }

  releaseSingleInstanceLock(): void {
    singleInstance.release(this.hub.config.userData, this);
  }

  /** Another boot asked for the lock: Electron emits 'second-instance' here, after 'ready'. */
  secondInstance(argv: string[], cwd: string, additionalData: unknown): void {
    void this.whenReady().then(() => {
      if (this.exitCode === null) this.emit('second-instance', electronEvent(), argv, cwd, additionalData);
    });
  }

  // ---- platform events a test can raise ----

  /** macOS: the dock icon was clicked. */
  emitActivate(hasVisibleWindows = this.hub.windows.some((w) => w.isVisible())): void {
    this.emit('activate', electronEvent(), hasVisibleWindows);
  }

  private lastWindowClosed(): void {
    if (this.quitting) return this.willQuit();
    if (this.exitCode !== null) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  private willQuit(): void {
    const will = electronEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', electronEvent(), 0);
    this.end(0);
  }

  private end(code: number): void {
    this.exitCode = code;
    this.quitting = false;
    this.hub.exited = true;
    this.releaseSingleInstanceLock();
    void this.hub.host.close().finally(() => this.resolveExit(code));
  }
}
