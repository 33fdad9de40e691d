import { app, type BrowserWindow, dialog, nativeTheme, Notification, powerMonitor, shell } from 'electron';
import { join } from 'node:path';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { errorDetail, type Logger } from '../log';
import { createServices } from '../services';
import { openDataFolder } from '../store/data-folder';
import { DEFAULT_RETRY_POLICY } from '../strava/retry-policy';
import { createStravaHttp } from '../strava/http';
import { browsable } from './browsable';
import { createHandlers } from './ipc-handlers';
import { registerIpc, type TrustedWindow } from './ipc-registry';
import { HIDDEN_ARG, setLinuxAutostart } from './login-item';
import { createMainWindow } from './main-window';
import { electronSettingsFile } from './electron/settings-file';
import { SettingsStore } from './settings-store';
import { SplitsDesktop, type DesktopPorts } from './splits-desktop';
import { SplitsTray } from './tray';
import { trayModel, type TrayAction } from './tray-model';
import { openVault } from '../vault/open-vault';
import { VaultUnavailableError } from '../vault/secret-vault';
import type { SyncStateView } from '../../preload/payloads';

export interface DesktopPaths {
  /** The built app: out/main, out/preload, out/renderer. */
  outDir: string;
  /** Icons the app loads at run time (assets/). */
  assetsDir: string;
}

/**
 * The tray application: builds the services on the app's data folder, runs the engine and the scheduler in main,
 * keeps one hardened window that closing hides, a tray that shows the state, and quits only from Quit, after the
 * running sync has stopped at a safe point and the store is written.
 */
export async function startDesktopApp(paths: DesktopPaths, logger: Logger): Promise<void> {
  const config = loadConfig(process.env, { dataDir: app.getPath('userData') });
  // Before the settings are written into it: a folder other users can write to is refused (index.ts says why).
  await openDataFolder(config.dataDir);
  // A bad file (at start or edited while Splits runs) is set aside by the store, and logged and told by SplitsDesktop.
  const settings = SettingsStore.open(config.dataDir, { file: electronSettingsFile, now: systemClock.now });
  const services = await untilVaultAnswers(() =>
    createServices({
      config,
      clock: systemClock,
      logger,
      // The same vault as the CLI's; where no keychain answers, the person is asked before a secret goes into the file.
      vault: (store) => openVault({ dataDir: config.dataDir, forced: config.vault, plainTextConsent: 'ask', report: (p) => store.problems.push(p), warn: (m) => logger.warn(m) }),
    }),
  );
  const oauthHttp = createStravaHttp({ clock: systemClock, logger, policy: { ...DEFAULT_RETRY_POLICY, maxRetries: config.maxRetries } });

  let win: (TrustedWindow & { window: BrowserWindow }) | null = null;
  /** Quit was asked for; `shutDown` once the sync has stopped and the store is written. */
  let quitting = false;
  let shutDown = false;
  /** The computer is shutting down or logging out: nothing may hold the quit up. */
  let systemShutdown = false;

  const shown = new Set<Notification>();
  // Windows shows notifications only for an app with its id (electron-builder.yml's appId).
  if (process.platform === 'win32') app.setAppUserModelId('app.splits.desktop');

  const ports: DesktopPorts = {
    openExternal: (url) => shell.openExternal(browsable(url)),
    notify: ({ title, body }) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body, icon: join(paths.assetsDir, 'icon.png') });
      // Kept until it is clicked or closed: a notification collected as garbage loses its click handler.
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        showWindow();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
    confirmPlainTextVault: async () => {
      const options = {
        type: 'warning' as const,
        buttons: ['Keep them in a private file', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        title: 'No keychain for your Strava secrets',
        message: 'No system keychain answered, so Splits cannot keep your Strava secrets encrypted.',
        detail:
          'Splits can keep them in a file that only your user account can read (mode 0600), unencrypted. Anyone with access to your account or its backups could read them. ' +
          'To use a keychain instead, cancel, unlock or install one (on Linux, a Secret Service such as GNOME Keyring), and restart Splits.',
      };
      const { response } = win ? await dialog.showMessageBox(win.window, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    setLaunchAtLogin: (enabled) => {
      if (process.platform === 'linux') setLinuxAutostart(enabled);
      // macOS and Windows: the argument tells this app to stay in the tray (openAsHidden is deprecated on macOS 13+).
      else app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    },
    setTheme: (theme) => {
      nativeTheme.themeSource = theme;
    },
    pickArchive: async () => {
      const options: Electron.OpenDialogOptions = {
        title: 'Import your Strava archive',
        buttonLabel: 'Import',
        properties: ['openFile'],
        filters: [{ name: 'Strava archive', extensions: ['zip'] }],
      };
      const { canceled, filePaths } = win ? await dialog.showOpenDialog(win.window, options) : await dialog.showOpenDialog(options);
      return canceled ? null : (filePaths[0] ?? null);
    },
    pickExportFolder: async () => {
      const options: Electron.OpenDialogOptions = { title: 'Export to a folder', buttonLabel: 'Export here', defaultPath: app.getPath('documents'), properties: ['openDirectory', 'createDirectory'] };
      const { canceled, filePaths } = win ? await dialog.showOpenDialog(win.window, options) : await dialog.showOpenDialog(options);
      return canceled ? null : (filePaths[0] ?? null);
    },
    revealFolder: async (path) => {
      const failure = await shell.openPath(path);
      if (failure) throw new Error(failure);
    },
  };

  const desktop = new SplitsDesktop({ services, settings, ports, oauthHttp });

  const showWindow = () => {
    if (!win || win.window.isDestroyed()) win = openWindow();
    if (win.window.isMinimized()) win.window.restore();
    win.window.show();
    win.window.focus();
  };

  const openWindow = () => {
    const devServerUrl = !app.isPackaged && process.env.SPLITS_DEV_SERVER_URL ? process.env.SPLITS_DEV_SERVER_URL : null;
    const opened = createMainWindow({ outDir: paths.outDir, icon: join(paths.assetsDir, 'icon.png'), devServerUrl });
    const { window } = opened;
    const contents = window.webContents;
    window.on('close', (event) => {
      // Closing hides: the app lives in the tray until Quit (unless the person turned that off).
      if (quitting || systemShutdown) return;
      if (closesToTray()) {
        event.preventDefault();
        window.hide();
      } else {
        app.quit();
      }
    });
    window.on('closed', () => {
      desktop.events.detach();
      if (win?.window === window) win = null;
    });
    // A reload or a crashed renderer: events wait until the new page says it is ready.
    contents.on('did-start-loading', () => desktop.events.detach());
    contents.on('render-process-gone', () => desktop.events.detach());
    // Its page is gone before the window's 'closed' comes: what is said meanwhile waits for the next window.
    contents.on('destroyed', () => desktop.events.detach());
    return { ...opened, contents };
  };

  /** Whether closing the window hides it. In doubt it does: hidden loses nothing, where a quit would stop the syncs. */
  const closesToTray = () => {
    try {
      return desktop.settings().closeToTray;
    } catch (error) {
      logger.error('closing the window: the settings could not be read; the window is hidden', { error: errorDetail(error) });
      return true;
    }
  };

  const tray = new SplitsTray(paths.assetsDir, (action: TrayAction) => onTrayAction(action));
  const formatTime = (epochMs: number) => {
    const date = new Date(epochMs);
    const sameDay = new Date().toDateString() === date.toDateString();
    return sameDay ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  };
  const drawTray = (state?: SyncStateView) => {
    try {
      tray.render(trayModel(state ?? desktop.state(), desktop.limits(), formatTime));
    } catch (error) {
      // The tray keeps its last drawing: a redraw that fails must not fail the sync or the click that asked for it.
      logger.error('the tray could not be redrawn', { error: errorDetail(error) });
    }
  };
  desktop.onChange(drawTray);

  const onTrayAction = (action: TrayAction) => {
    switch (action) {
      case 'sync-quick':
      case 'sync-full':
        void desktop.sync({ mode: action === 'sync-full' ? 'full' : 'quick' }).catch((error: unknown) => logger.error('a sync from the tray failed', { error: String(error) }));
        return;
      case 'open':
        showWindow();
        return;
      case 'toggle-pause':
        desktop.setSettings({ backgroundSync: !desktop.settings().backgroundSync });
        return;
      case 'quit':
        app.quit();
        return;
    }
  };

  registerIpc(
    createHandlers({
      appInfo: { name: app.getName(), version: app.getVersion() },
      desktop,
      services,
      ready: () => {
        if (win) desktop.events.ready({ send: (channel, payload) => win?.contents.send(channel, payload) });
      },
    }),
    () => win,
    logger,
  );

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  // The app lives in the tray: closing its last window does not quit it, on any platform.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (shutDown) return;
    if (systemShutdown) {
      // Holding the quit would refuse the logout (macOS asks every app): the sync is cancelled, not waited for.
      void desktop.shutdown();
      return;
    }
    event.preventDefault();
    if (quitting) return; // already winding down
    quitting = true;
    void shutdown(desktop, tray, logger).then(() => {
      shutDown = true;
      app.quit();
    });
  });
  powerMonitor.on('resume', () => desktop.wake());
  powerMonitor.on('shutdown', () => {
    systemShutdown = true;
  });

  await desktop.start();
  drawTray();
  setInterval(() => drawTray(), 30_000).unref?.();
  // The first run opens the window (the guide); later launches start in the tray, and a launch at login stays there.
  const firstRun = services.store.accounts.list().length === 0;
  // Launched at login: Windows and Linux pass the argument; macOS says so itself (it passes no arguments).
  const hidden = process.argv.includes(HIDDEN_ARG) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (firstRun && !hidden) showWindow();
}

/** How long a quit waits for the sync to reach a safe point and the store to be written. */
const QUIT_DEADLINE_MS = 15_000;

async function shutdown(desktop: SplitsDesktop, tray: SplitsTray, logger: Logger): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), QUIT_DEADLINE_MS)));
  try {
    // Every write is atomic, so quitting past the deadline loses at most the pages since the last write; a quit that
    // never ends would be worse (the person would kill it anyway).
    if ((await Promise.race([desktop.shutdown().then(() => 'done' as const), deadline])) === 'late') logger.warn('quitting before the sync stopped: it took longer than 15 s');
  } catch (error) {
    logger.error('quitting: the sync did not stop cleanly', { error: String(error) });
  } finally {
    clearTimeout(timer);
    tray.destroy();
  }
}

/**
 * A keychain chosen earlier may not answer yet (locked at login, its daemon not started): the person is told, and
 * Splits tries again when they say so, instead of ending.
 */
async function untilVaultAnswers<T>(open: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof VaultUnavailableError)) throw error;
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        buttons: ['Try again', 'Quit'],
        defaultId: 0,
        cancelId: 1,
        title: 'Splits cannot open its vault',
        message: 'Splits cannot reach the place your Strava secrets are kept.',
        detail: `${error.message}\n\nFix what the message says (unlock the keychain, start your keyring), then choose Try again.`,
      });
      if (response !== 0) {
        app.exit(0);
        return new Promise<T>(() => undefined); // the app is ending
      }
    }
  }
}

