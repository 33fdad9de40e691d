// The Electron entry point: the log (stderr, and main.log in Electron's logs folder), main's last resort for stray
// errors, one instance, then the tray application (main/desktop/electron/desktop-app.ts).
import { app, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './desktop/electron/desktop-app';
import { desktopLog, desktopLogLevels } from './desktop/desktop-log';
import { catchStrayErrors } from './desktop/stray-errors';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = desktopLog(desktopLogLevels(process.env.SPLITS_LOG_LEVEL));
const logger = log.logger;

/** Nothing can run without the store and the vault: say why, then leave (once: a stray error may come with the failure). */
let ending = false;
const cannotStart = (error: unknown) => {
  if (ending) return;
  ending = true;
  dialog.showErrorBox('Splits could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
};
const strays = catchStrayErrors(logger, cannotStart);

// Heard from the start: a quit while the app starts (a keychain slow to answer, a logout) ends the start at its next
// step (desktop-app.ts), rather than building a window, a tray and syncs that nothing would stop.
let quitting = false;
app.once('will-quit', () => (quitting = true));

/** The start, settled once the app is up, could not start, or was quit first (the electron stand-in waits for it). */
export const started: Promise<void> = !app.requestSingleInstanceLock()
  ? // Another Splits runs: it was told (second-instance) and shows its window.
    Promise.resolve(app.quit())
  : app
      .whenReady()
      .then(() => {
        // Once ready: Electron settles the logs folder (with the app's name) then. The file starts only once the data
        // folder is known to be safe, since the logs folder is inside it by default: nothing is made in a folder that
        // other users can write to (they could put a link where main.log goes).
        const logsDir = app.getPath('logs');
        return startDesktopApp(
          { outDir, assetsDir: join(app.getAppPath(), 'assets'), logsDir },
          logger,
          () => log.openFile(logsDir),
          () => quitting,
        );
      })
      .then(() => {
        if (!quitting) strays.started();
      })
      .catch((error: unknown) => {
        // The app is ending already: a step that failed on the way out is no reason for a dialog.
        if (quitting) logger.warn('the start failed as the app quit', { error: String(error) });
        else cannotStart(error);
      });
