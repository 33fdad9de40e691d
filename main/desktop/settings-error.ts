/** A settings change that cannot be stored; its message says which value and why. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}
