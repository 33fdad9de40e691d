import { app, dialog, nativeTheme, Notification, shell } from 'electron';
import { browsable } from '../browsable';
import { HIDDEN_ARG, setLinuxAutostart } from '../login-item';
import type { DesktopPorts } from '../desktop-ports';
import { LogFolderNotOpenedError } from '../log-folder-error';
import type { AppWindow } from './app-window';

/**
 * What the desktop core asks of Electron (DesktopPorts), answered by Electron: the browser, notifications, dialogs
 * (over the window while there is one), the login item, the theme, and the file manager (the log folder, an export's).
 */
export function electronPorts(window: AppWindow, icon: string, logsDir: string): DesktopPorts {
  const shown = new Set<Notification>();
  // Windows shows notifications only for an app with its id (electron-builder.yml's appId).
  if (process.platform === 'win32') app.setAppUserModelId('app.splits.desktop');

  const messageBox = (options: Electron.MessageBoxOptions) => {
    const parent = window.current();
    return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  };
  const openDialog = (options: Electron.OpenDialogOptions) => {
    const parent = window.current();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  };

  return {
    openExternal: (url) => shell.openExternal(browsable(url)),
    notify: ({ title, body }) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body, icon });
      // Kept until it is clicked or closed: a notification collected as garbage loses its click handler.
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        window.show();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
    confirmPlainTextVault: async () => {
      const { response } = await messageBox({
        type: 'warning',
        buttons: ['Keep them in a private file', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        title: 'No keychain for your Strava secrets',
        message: 'No system keychain answered, so Splits cannot keep your Strava secrets encrypted.',
        detail:
          'Splits can keep them in a file that only your user account can read (mode 0600), unencrypted. Anyone with access to your account or its backups could read them. ' +
          'To use a keychain instead, cancel, unlock or install one (on Linux, a Secret Service such as GNOME Keyring), and restart Splits.',
      });
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
      const { canceled, filePaths } = await openDialog({
        title: 'Import your Strava archive',
        buttonLabel: 'Import',
        properties: ['openFile'],
        filters: [{ name: 'Strava archive', extensions: ['zip'] }],
      });
      return canceled ? null : (filePaths[0] ?? null);
    },
    pickExportFolder: async () => {
      const { canceled, filePaths } = await openDialog({
        title: 'Export to a folder',
        buttonLabel: 'Export here',
        defaultPath: app.getPath('documents'),
        properties: ['openDirectory', 'createDirectory'],
      });
      return canceled ? null : (filePaths[0] ?? null);
    },
    revealFolder: (path) => openFolder(path),
    // The folder main chose at start: nothing the window sends names it. When the system will not open it, the
    // person is told where it is, in words (the log cannot be where they read why).
    openLogFolder: async () => {
      const failure = await shell.openPath(logsDir);
      if (failure) throw new LogFolderNotOpenedError(process.platform, failure);
    },
  };
}

/** Opens a folder in the system's file manager; Electron answers a failure with its words, not a rejection. */
async function openFolder(path: string): Promise<void> {
  const failure = await shell.openPath(path);
  if (failure) throw new Error(failure);
}
