// nativeTheme: themeSource as the app sets it, over a system preference the test sets; 'updated' when the colours
// the app should use change.
import { EventEmitter } from 'node:events';
import type { Slice } from './electron-types';

type ThemeKeys =
  | 'shouldUseDarkColors'
  | 'themeSource'
  | 'shouldUseHighContrastColors'
  | 'shouldUseInvertedColorScheme'
  | 'inForcedColorsMode'
  | 'prefersReducedTransparency';

export class StandinNativeTheme extends EventEmitter implements Slice<Electron.NativeTheme, ThemeKeys> {
  readonly shouldUseHighContrastColors = false;
  readonly shouldUseInvertedColorScheme = false;
  readonly inForcedColorsMode = false;
  readonly prefersReducedTransparency = false;
  private source: Electron.NativeTheme['themeSource'] = 'system';

  constructor(private systemDark: boolean) {
    super();
  }

  get shouldUseDarkColors(): boolean {
    return this.source === 'system' ? this.systemDark : this.source === 'dark';
  }

  get themeSource(): Electron.NativeTheme['themeSource'] {
    return this.source;
  }

  set themeSource(source: Electron.NativeTheme['themeSource']) {
    this.change(() => (this.source = source));
  }

  /** The operating system switched between light and dark. */
  setSystemDark(dark: boolean): void {
    this.change(() => (this.systemDark = dark));
  }

  private change(apply: () => void): void {
    const before = this.shouldUseDarkColors;
    apply();
    if (before !== this.shouldUseDarkColors) this.emit('updated');
  }
}
