// The Electron entry point: main's last resort for stray errors, one instance, then the tray application
// (main/desktop/electron/desktop-app.ts).
import { app, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './desktop/electron/desktop-app';
import { catchStrayErrors } from './desktop/stray-errors';
import { createLogger } from './log';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const logger = createLogger('splits', process.env.SPLITS_LOG_LEVEL === 'debug' ? 'debug' : 'info');

/** Nothing can run without the store and the vault: say why, then leave (once: a stray error may come with the failure). */
let ending = false;
const cannotStart = (error: unknown) => {
  if (ending) return;
  ending = true;
  dialog.showErrorBox('Splits could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
};
const strays = catchStrayErrors(logger, cannotStart);

if (!app.requestSingleInstanceLock()) {
  // Another Splits runs: it was told (second-instance) and shows its window.
  app.quit();
} else {
  app
    .whenReady()
    .then(() => startDesktopApp({ outDir, assetsDir: join(app.getAppPath(), 'assets') }, logger))
    .then(() => strays.started())
    .catch(cannotStart);
}
