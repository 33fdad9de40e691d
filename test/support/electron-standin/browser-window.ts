// BrowserWindow: options recorded (tests assert the hardened webPreferences), visibility tracked, and Electron's
// close sequence: 'close' (preventable: the window stays) → the page closes → 'closed' → the app hears of it.
import { EventEmitter } from 'node:events';
import type { Returning, Slice } from './electron-types';
import { electronEvent } from './events';
import type { Hub, HubWindow } from './hub';
import type { StandinNativeImage } from './native-image';
import { StandinWebContents } from './web-contents';

type WindowKeys =
  | 'id'
  | 'show'
  | 'showInactive'
  | 'hide'
  | 'focus'
  | 'blur'
  | 'isFocused'
  | 'restore'
  | 'minimize'
  | 'maximize'
  | 'unmaximize'
  | 'isMaximized'
  | 'isVisible'
  | 'isMinimized'
  | 'isDestroyed'
  | 'close'
  | 'destroy'
  | 'loadFile'
  | 'loadURL'
  | 'setTitle'
  | 'getTitle'
  | 'setSkipTaskbar'
  | 'setMenuBarVisibility'
  | 'setAutoHideMenuBar'
  | 'removeMenu'
  | 'center';

/** The BrowserWindow class of one stand-in: its statics see that stand-in's windows only. */
export function defineBrowserWindow(hub: Hub, image: (icon: Electron.NativeImage | string) => StandinNativeImage) {
  let nextId = 1;
  // The focused window by id (not by reference, which would alias `this`).
  let focusedId: number | null = null;

  class StandinBrowserWindow extends EventEmitter implements Slice<Electron.BrowserWindow, WindowKeys>, HubWindow {
    readonly id = nextId++;
    readonly webContents: StandinWebContents;
    /** What main constructed the window with, as given. */
    readonly options: Electron.BrowserWindowConstructorOptions;
    /** Icons set after construction (setIcon), oldest first. */
    readonly icons: StandinNativeImage[] = [];
    private visible: boolean;
    private minimized = false;
    private maximized = false;
    private destroyed = false;
    private title: string;

    constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
      super();
      if (!hub.app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
      this.options = options;
      this.title = options.title ?? hub.app.getName();
      this.visible = options.show !== false;
      if (options.icon) this.icons.push(image(options.icon));
      this.webContents = new StandinWebContents(hub, { preload: options.webPreferences?.preload });
      // Electron emits ready-to-show once, when the first page has rendered.
      this.webContents.once('did-finish-load', () => this.emit('ready-to-show', electronEvent()));
      hub.windows.push(this);
      if (this.visible) focusedId = this.id;
    }

    static getAllWindows(): StandinBrowserWindow[] {
      return hub.windows.filter(
        (w): w is StandinBrowserWindow => w instanceof StandinBrowserWindow && !w.isDestroyed(),
      );
    }

    static getFocusedWindow(): StandinBrowserWindow | null {
      const focused = focusedId === null ? null : StandinBrowserWindow.fromId(focusedId);
      return focused?.isVisible() ? focused : null;
    }

    static fromWebContents(contents: unknown): StandinBrowserWindow | null {
      return StandinBrowserWindow.getAllWindows().find((w) => w.webContents === contents) ?? null;
    }

    static fromId(id: number): StandinBrowserWindow | null {
      return StandinBrowserWindow.getAllWindows().find((w) => w.id === id) ?? null;
    }

    show(): void {
      this.assertAlive();
      const wasVisible = this.visible;
      this.visible = true;
      this.minimized = false;
      focusedId = this.id;
      if (!wasVisible) this.emit('show');
      this.emit('focus');
    }

    showInactive(): void {
      this.assertAlive();
      if (!this.visible) this.emit('show');
      this.visible = true;
    }

    hide(): void {
      this.assertAlive();
      if (this.visible) this.emit('hide');
      this.visible = false;
      if (focusedId === this.id) focusedId = null;
    }

    focus(): void {
      this.assertAlive();
      // Focusing a hidden window shows it on Linux and Windows.
      if (!this.visible) this.show();
      focusedId = this.id;
      this.emit('focus');
    }

    blur(): void {
      this.assertAlive();
      if (focusedId === this.id) focusedId = null;
      this.emit('blur');
    }

    isFocused(): boolean {
      return focusedId === this.id && this.visible;
    }

    restore(): void {
      this.assertAlive();
      this.visible = true;
      if (this.minimized) this.emit('restore');
      this.minimized = false;
    }

    minimize(): void {
      this.assertAlive();
      this.minimized = true;
      this.emit('minimize');
    }

    maximize(): void {
      this.assertAlive();
      this.maximized = true;
      this.visible = true;
      this.emit('maximize');
    }

    unmaximize(): void {
      this.assertAlive();
      this.maximized = false;
      this.emit('unmaximize');
    }

    isMaximized(): boolean {
      return this.maximized;
    }

    isVisible(): boolean {
      return this.visible && !this.destroyed;
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    /** 'close' first: a listener's preventDefault keeps the window (and cancels a quit that asked). */
    close(): void {
      if (this.destroyed) return;
      const event = electronEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return hub.onCloseCancelled();
      this.teardown();
    }

    /** Closes without asking: no 'close', only 'closed'. */
    destroy(): void {
      if (!this.destroyed) this.teardown();
    }

    loadFile(filePath: string, options?: Electron.LoadFileOptions): Promise<void> {
      return this.webContents.loadFile(filePath, options);
    }

    loadURL(url: string): Promise<void> {
      return this.webContents.loadURL(url);
    }

    setIcon(icon: Electron.NativeImage | string): void {
      this.assertAlive();
      this.icons.push(image(icon));
    }

    setTitle(title: string): void {
      this.title = title;
    }

    getTitle(): string {
      return this.title;
    }

    setSkipTaskbar(): void {}
    setMenuBarVisibility(): void {}
    setAutoHideMenuBar(): void {}
    removeMenu(): void {}
    center(): void {}

    private assertAlive(): void {
      if (this.destroyed) throw new TypeError('Object has been destroyed');
    }

    private teardown(): void {
      this.destroyed = true;
      this.visible = false;
      if (focusedId === this.id) focusedId = null;
      hub.windows.splice(hub.windows.indexOf(this), 1);
      this.webContents.destroy();
      // Electron emits 'closed' after the close has gone through, not inside close().
      setImmediate(() => {
        this.emit('closed');
        if (StandinBrowserWindow.getAllWindows().length === 0) hub.onWindowClosed();
      });
    }
  }
  // The static side against Electron's: the constructor's options, and the lookups (returning stand-in windows).
  const _statics: (new (options?: Electron.BrowserWindowConstructorOptions) => unknown) &
    Returning<typeof Electron.BrowserWindow, 'getAllWindows', StandinBrowserWindow[]> &
    Returning<
      typeof Electron.BrowserWindow,
      'getFocusedWindow' | 'fromWebContents' | 'fromId',
      StandinBrowserWindow | null
    > = StandinBrowserWindow;
  return StandinBrowserWindow;
}

export type StandinBrowserWindowClass = ReturnType<typeof defineBrowserWindow>;
export type StandinBrowserWindow = InstanceType<StandinBrowserWindowClass>;
