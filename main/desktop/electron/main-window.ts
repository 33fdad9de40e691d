import { BrowserWindow, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browsable } from '../browsable';

export interface MainWindowOptions {
  outDir: string;
  icon: string;
  /** Vite's dev server (`npm run dev`), used only when the app is not packaged. */
  devServerUrl: string | null;
}

/** The one hardened window (docs/architecture.md, rule 8), and the address its page comes from. */
export function createMainWindow(options: MainWindowOptions): { window: BrowserWindow; url: string } {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Splits',
    icon: options.icon,
    webPreferences: {
      preload: join(options.outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click on a link would otherwise open it in a new Electron window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDown(win.webContents);
  win.once('ready-to-show', () => win.show());
  const file = join(options.outDir, 'renderer', 'index.html');
  const url = options.devServerUrl ?? pathToFileURL(file).toString();
  void (options.devServerUrl ? win.loadURL(options.devServerUrl) : win.loadFile(file));
  return { window: win, url };
}

/**
 * No navigation, no new windows, no permissions (camera, notifications, geolocation, ...: the window needs none);
 * links open in the system browser, and only web pages (browsable.ts).
 */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    try {
      void shell.openExternal(browsable(url));
    } catch {
      // Not a web page (file:, a custom scheme, plain http to another host): opened nowhere.
    }
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}
