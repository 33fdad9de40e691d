// The Electron entry point: builds the services and hands them to the desktop adapters.
import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from './desktop/ipc-handlers';
import { registerIpc } from './desktop/ipc-registry';
import { createMainWindow } from './desktop/main-window';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => mainWindow?.show());

void app.whenReady().then(() => {
  registerIpc(createHandlers({ appInfo: { name: app.getName(), version: app.getVersion() } }), () => mainWindow?.webContents ?? null);
  mainWindow = createMainWindow(outDir);
  mainWindow.on('closed', () => (mainWindow = null));
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(outDir);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
