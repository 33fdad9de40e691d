import { app } from 'electron';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { systemClock } from '../../clock';
import { loadConfig } from '../../config';
import { appCacheFolder } from '../../maps/cache-folder';
import { errorDetail, type Logger } from '../../log';
import { createServices } from '../../services';
import { openDataFolder } from '../../store/data-folder';
import { DEFAULT_RETRY_POLICY } from '../../strava/retry-policy';
import { createStravaHttp } from '../../strava/http';
import { openVault } from '../../vault/open-vault';
import { createHandlers } from '../ipc-handlers';
import { HIDDEN_ARG } from '../login-item';
import { SettingsStore } from '../settings-store';
import { SplitsDesktop } from '../splits-desktop';
import { AppLifecycle } from './app-lifecycle';
import { AppWindow } from './app-window';
import { electronPorts } from './electron-ports';
import { registerIpc } from './ipc-registry';
import { electronSettingsFile } from './settings-file';
import { wireTray } from './tray-wiring';
import { untilVaultAnswers } from './vault-retry';

export interface DesktopPaths {
  /** The built app: out/main, out/preload, out/renderer. */
  outDir: string;
  /** Icons the app loads at run time (assets/). */
  assetsDir: string;
  /** Where the log files are (app.getPath('logs')): opened from the window and the tray, never told to the window. */
  logsDir: string;
}

/**
 * The tray application: builds the services on the app's data folder, runs the engine and the scheduler in main,
 * keeps one hardened window that closing hides, a tray that shows the state, and quits only from Quit, after the
 * running sync has stopped at a safe point and the store is written.
 */
export async function startDesktopApp(
  paths: DesktopPaths,
  logger: Logger,
  /** Called once the data folder is known to be safe: the log file starts then (logs/ is inside it by default). */
  dataFolderSafe: () => void = () => {},
  /** Whether the app quit meanwhile: the start ends at its next step, having built nothing that would outlive it. */
  quit: () => boolean = () => false,
): Promise<void> {
  const config = loadConfig(process.env, { dataDir: app.getPath('userData') });
  // Before the settings are written into it: a folder other users can write to is refused (index.ts says why).
  await openDataFolder(config.dataDir);
  if (quit()) return;
  dataFolderSafe();
  // A bad file (at start or edited while Splits runs) is set aside by the store, and logged and told by SplitsDesktop.
  const settings = SettingsStore.open(config.dataDir, { file: electronSettingsFile, now: systemClock.now });
  const services = await untilVaultAnswers(() =>
    createServices({
      config,
      clock: systemClock,
      logger,
      // The same vault as the CLI's; where no keychain answers, the person is asked before a secret goes into the file.
      vault: (store) =>
        openVault({
          dataDir: config.dataDir,
          forced: config.vault,
          plainTextConsent: 'ask',
          report: (p) => store.problems.push(p),
          warn: (m) => logger.warn(m),
        }),
    }),
  );
  if (services === null || quit()) return;
  const oauthHttp = createStravaHttp({
    clock: systemClock,
    logger,
    policy: { ...DEFAULT_RETRY_POLICY, maxRetries: config.maxRetries },
  });

  const icon = join(paths.assetsDir, 'icon.png');
  const devServerUrl = !app.isPackaged && process.env.SPLITS_DEV_SERVER_URL ? process.env.SPLITS_DEV_SERVER_URL : null;
  // The window, the desktop, the tray and the lifecycle refer to each other only in what they do later (a close, a click).
  const window: AppWindow = new AppWindow({
    outDir: paths.outDir,
    icon,
    devServerUrl,
    pageGone: () => desktop.events.detach(),
    // Closing hides: the app lives in the tray until Quit (unless the person turned that off).
    onClose: () => (lifecycle.ending ? 'close' : closesToTray(desktop, logger) ? 'hide' : 'quit'),
  });
  // The folders a message to the window may name a file in, besides the data, home and temp folders: the app's own.
  const appFolders = [app.getAppPath(), dirname(app.getPath('exe')), app.getPath('logs')];
  const desktop: SplitsDesktop = new SplitsDesktop({
    services,
    settings,
    ports: electronPorts(window, icon, paths.logsDir),
    oauthHttp,
    appFolders,
    // Map images are a cache, not the person's data: the system's cache folder, which backups skip.
    tileCacheDir: join(appCacheFolder(process.platform, process.env, homedir()), 'tiles'),
  });
  const tray = wireTray(paths.assetsDir, desktop, logger, { show: () => window.show(), quit: () => app.quit() });
  const lifecycle: AppLifecycle = new AppLifecycle({
    desktop,
    logger,
    show: () => window.show(),
    ended: () => tray.stop(),
  });

  registerIpc(
    createHandlers({
      appInfo: { name: app.getName(), version: app.getVersion() },
      desktop,
      services,
      ready: () => {
        const page = window.page();
        if (page) desktop.events.ready(page);
      },
    }),
    () => window.trusted(),
    logger,
  );
  lifecycle.listen();

  await desktop.start();
  // A quit during the start has wound the app down already (the lifecycle stopped the tray, and the desktop started
  // no scheduler after it): nothing more starts.
  if (quit() || lifecycle.quitting) return;
  tray.start();
  // The first run opens the window (the guide); later launches start in the tray, and a launch at login stays there.
  const firstRun = services.store.accounts.list().length === 0;
  // Launched at login: Windows and Linux pass the argument; macOS says so itself (it passes no arguments).
  const hidden =
    process.argv.includes(HIDDEN_ARG) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (firstRun && !hidden) window.show();
}

/** Whether closing the window hides it. In doubt it does: hidden loses nothing, where a quit would stop the syncs. */
function closesToTray(desktop: SplitsDesktop, logger: Logger): boolean {
  try {
    return desktop.settings.get().closeToTray;
  } catch (error) {
    logger.error('closing the window: the settings could not be read; the window is hidden', {
      error: errorDetail(error),
    });
    return true;
  }
}
