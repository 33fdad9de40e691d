// The parts of 'electron' electron-store uses in main (where the app's data goes, its version, ipcMain.on), for tests of
// the desktop core in plain Node. Used as: vi.mock('electron', async () => (await import('.../electron-for-settings')).electronForSettings())
export function electronForSettings() {
  const electron = { app: { getPath: () => '/nonexistent', getVersion: () => '0.0.0-test', getName: () => 'Splits' }, ipcMain: { on: () => undefined }, shell: {} };
  return { ...electron, default: electron };
}
