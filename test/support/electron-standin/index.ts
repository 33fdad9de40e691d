// One stand-in for the `electron` module: the objects the built main process imports, and what they recorded.
// Made fresh for every boot (a restart starts from nothing); see harness.ts for how main gets it.
import { StandinApp } from './app';
import { defineBrowserWindow, type StandinBrowserWindow } from './browser-window';
import { defineDialog } from './dialog';
import { Hub, type StandinConfig } from './hub';
import { clickItem, defineMenu, snapshot, type MenuSnapshot } from './menu';
import { asImage, defineNativeImage } from './native-image';
import { StandinNativeTheme } from './native-theme';
import { defineNotification } from './notification';
import { StandinPowerMonitor } from './power-monitor';
import { defineShell } from './shell';
import { defineTray, type StandinTray } from './tray';

export type { StandinConfig } from './hub';
export type { StandinBrowserWindow } from './browser-window';
export type { StandinTray } from './tray';
export type { MenuSnapshot } from './menu';

/** What a test reads off the tray: what a person would see. */
export interface TrayState {
  toolTip: string;
  title: string;
  /** The icon's file (null for an image made in memory). */
  image: string | null;
  menu: MenuSnapshot[];
}

export function createElectronStandin(config: StandinConfig) {
  const hub = new Hub(config);
  const app = new StandinApp(hub);
  hub.app = app;
  const nativeImage = defineNativeImage(hub);
  const BrowserWindow = defineBrowserWindow(hub, (icon) => asImage(hub, icon));
  const menus = defineMenu(hub);
  const { Menu, MenuItem } = menus;
  const { Tray, trays } = defineTray(hub, menus);
  const { shell, opened, openPathFailures } = defineShell(hub);
  const { Notification, shown } = defineNotification(hub);
  const { dialog, state: dialogs } = defineDialog(hub);
  const powerMonitor = new StandinPowerMonitor();
  const nativeTheme = new StandinNativeTheme(config.systemDark ?? false);
  const defaultSession = hub.session;

  // The module main imports. `satisfies` keeps the names Electron's: a misspelt export fails tsc.
  const exports = {
    app,
    BrowserWindow,
    ipcMain: hub.ipcMain,
    Menu,
    MenuItem,
    Tray,
    nativeImage,
    shell,
    Notification,
    powerMonitor,
    dialog,
    nativeTheme,
    session: { defaultSession },
  } satisfies Partial<Record<keyof typeof Electron.CrossProcessExports, unknown>>;
  const module = { ...exports, default: exports };

  /** The tray the app shows now: the newest one not destroyed. */
  function tray(): StandinTray {
    const live = trays.filter((t) => !t.isDestroyed());
    const found = live[live.length - 1];
    if (!found) throw new Error('electron stand-in: the app shows no tray');
    return found;
  }

  return {
    /** What `import ... from 'electron'` gives main. */
    module,
    app,
    ipcMain: hub.ipcMain,
    BrowserWindow,
    powerMonitor,
    nativeTheme,
    session: defaultSession,
    /** Things that should fail a test (page errors, missing icons, calls after exit...), each naming its cause. */
    problems: hub.problems,
    /** console.error output of the pages, oldest first. */
    consoleErrors: hub.consoleErrors,
    /** URLs given to shell.openExternal, oldest first (and openPath, showItemInFolder). */
    opened,
    /** Electron's words for the next shell.openPath calls to fail with, first first (a folder then stays unopened). */
    openPathFailures,
    /** Notifications shown, oldest first. */
    notifications: shown,
    /** Message boxes asked and the scripted answers for the next ones. */
    dialogs,
    trays,
    tray,
    trayState(): TrayState {
      const t = tray();
      return { toolTip: t.toolTip, title: t.title, image: t.image.path, menu: t.menu ? snapshot(t.menu) : [] };
    },
    /** A click on the tray icon. */
    clickTray(): void {
      tray().emit(
        'click',
        {
          preventDefault: () => {},
          defaultPrevented: false,
          shiftKey: false,
          ctrlKey: false,
          altKey: false,
          metaKey: false,
          triggeredByAccelerator: false,
        },
        { x: 0, y: 0, width: 22, height: 22 },
        { x: 11, y: 11 },
      );
    },
    /** Clicks the tray menu's item with this label, as Electron does (checkboxes flip first). */
    clickTrayMenu(label: string): void {
      const menu = tray().menu;
      if (!menu) throw new Error('electron stand-in: the tray has no context menu');
      clickItem(menu, label, BrowserWindow.getFocusedWindow());
    },
    windows(): StandinBrowserWindow[] {
      return BrowserWindow.getAllWindows();
    },
  };
}

export type ElectronStandin = ReturnType<typeof createElectronStandin>;
