import { SplitsError } from '../errors';

/** A settings change that cannot be stored; its message says which value and why. */
export class SettingsError extends SplitsError {
  override name = 'SettingsError';
  readonly ipcCode = 'bad-request';
}
