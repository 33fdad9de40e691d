// The desktop's settings in plain Node: electron-store's own core, `conf`, opened as electron-store opens it when given
// a folder (the file's name as configName). No 'electron' is needed, so no test mocks it.
import Conf from 'conf';
import { SettingsStore, type OpenSettingsFile } from '../../main/desktop/settings-store';
import type { Settings } from '../../preload/payloads';

export const plainSettingsFile: OpenSettingsFile = ({ name, ...options }) =>
  new Conf<Settings>({ ...options, configName: name });

/** The app's SettingsStore on `dir`, kept by `conf`; `now` stamps a bad file's aside name. */
export function openSettings(dir: string, now?: () => number): SettingsStore {
  return SettingsStore.open(dir, { file: plainSettingsFile, ...(now ? { now } : {}) });
}

/** A settings file's aside name as the store names its own (`asideName`): `settings.corrupt-<ISO time>.json`. */
export const SETTINGS_ASIDE = /settings\.corrupt-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?\.json$/;
