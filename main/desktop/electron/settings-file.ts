import ElectronStore from 'electron-store';
import type { Settings } from '../../../preload/payloads';
import type { OpenSettingsFile } from '../settings-store';

/**
 * The settings' keeper in the app: electron-store, which is `conf` told Electron's data folder and version. Splits
 * gives it a folder of its own (the data folder), so the only difference from plain `conf` is where it would look.
 */
export const electronSettingsFile: OpenSettingsFile = (options) => new ElectronStore<Settings>(options);
