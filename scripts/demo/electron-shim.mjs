// What the demo gives electron-store in place of Electron: a plain tsx process has no Electron, and the settings file
// goes where the demo says (SettingsStore.open passes its own folder as cwd, so getPath is never the answer used).
const app = {
  getPath: () => process.env.SPLITS_DATA_DIR ?? '/nonexistent',
  getVersion: () => process.env.npm_package_version ?? '0.0.0-demo',
  getName: () => 'Splits',
};
const ipcMain = { on: () => undefined };
const shell = {};
export { app, ipcMain, shell };
export default { app, ipcMain, shell };
