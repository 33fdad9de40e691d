// The Electron entry point: one instance, then the tray application (main/desktop/desktop-app.ts).
import { app, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './desktop/desktop-app';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!app.requestSingleInstanceLock()) {
  // Another Splits runs: it was told (second-instance) and shows its window.
  app.quit();
} else {
  app
    .whenReady()
    .then(() => startDesktopApp({ outDir, assetsDir: join(app.getAppPath(), 'assets') }))
    .catch((error: unknown) => {
      // Nothing can run without the store and the vault: say why, then leave.
      dialog.showErrorBox('Splits could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
