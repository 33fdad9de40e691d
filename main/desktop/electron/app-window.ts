import { app, type BrowserWindow } from 'electron';
import type { EventChannel } from '../../../preload/contract';
import type { ListeningPage } from '../event-hub';
import type { TrustedWindow } from './ipc-registry';
import { createMainWindow } from './main-window';

/** What closing the window does now: hide it (the app lives in the tray), let it close (a quit), or quit. */
export type OnClose = 'hide' | 'close' | 'quit';

export interface AppWindowOptions {
  outDir: string;
  icon: string;
  /** Vite's dev server (`npm run dev`), used only when the app is not packaged. */
  devServerUrl: string | null;
  /** The page stopped listening (closed, reloading, crashed): events wait for the next one. */
  pageGone: () => void;
  /** Asked at each close, since it depends on the settings and on whether the app is quitting. */
  onClose: () => OnClose;
}

/**
 * The app's one window: made when first shown and again after it was closed. Events wait while it has no page that
 * listens (closed, reloading, crashed), so what main says meanwhile reaches the next page.
 */
export class AppWindow {
  private opened: (TrustedWindow & { window: BrowserWindow }) | null = null;

  constructor(private readonly options: AppWindowOptions) {}

  /** The window main answers, while there is one. */
  trusted(): TrustedWindow | null {
    return this.opened;
  }

  /** The window dialogs belong to, while there is one. */
  current(): BrowserWindow | null {
    return this.opened?.window ?? null;
  }

  /** Where events go once the page said it is ready: whichever page the window shows when each is sent. */
  page(): ListeningPage | null {
    // A page whose webContents is destroyed (its window going, 'closed' not yet come) listens to nothing: a late
    // "ready" from it must not take the events held for the next window.
    if (!this.opened || this.opened.contents.isDestroyed()) return null;
    const { contents } = this.opened;
    return { send: (channel: EventChannel, payload: unknown) => contents.send(channel, payload) };
  }

  show(): void {
    if (!this.opened || this.opened.window.isDestroyed()) this.opened = this.open();
    const { window } = this.opened;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  private open(): TrustedWindow & { window: BrowserWindow } {
    const { pageGone } = this.options;
    const opened = createMainWindow({
      outDir: this.options.outDir,
      icon: this.options.icon,
      devServerUrl: this.options.devServerUrl,
    });
    const { window } = opened;
    const contents = window.webContents;
    window.on('close', (event) => {
      switch (this.options.onClose()) {
        case 'close':
          return;
        case 'hide':
          event.preventDefault();
          window.hide();
          return;
        case 'quit':
          app.quit();
          return;
      }
    });
    window.on('closed', () => {
      pageGone();
      if (this.opened?.window === window) this.opened = null;
    });
    // A reload or a crashed renderer: events wait until the new page says it is ready.
    contents.on('did-start-loading', () => pageGone());
    contents.on('render-process-gone', () => pageGone());
    // Its page is gone before the window's 'closed' comes: what is said meanwhile waits for the next window.
    contents.on('destroyed', () => pageGone());
    return { ...opened, contents };
  }
}
