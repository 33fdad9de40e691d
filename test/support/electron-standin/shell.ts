// shell: nothing leaves the machine; the URLs and paths the app asked to open are kept for the test to follow, and a
// test may script openPath's failures (a system with no file manager).
import type { Slice } from './electron-types';
import type { Hub } from './hub';

export function defineShell(hub: Hub) {
  const opened = { external: [] as string[], paths: [] as string[], shown: [] as string[] };
  /** What the next openPath calls answer, first first: Electron's words for a failure (it resolves, never rejects). */
  const openPathFailures: string[] = [];
  const shell: Slice<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder' | 'beep'> = {
    async openExternal(url: string) {
      hub.alive('shell.openExternal');
      // Electron rejects what is not a URL.
      if (!URL.canParse(url)) throw new Error(`Invalid url: ${url}`);
      opened.external.push(url);
    },
    async openPath(path: string) {
      hub.alive('shell.openPath');
      const failure = openPathFailures.shift();
      if (failure !== undefined) return failure;
      opened.paths.push(path);
      return '';
    },
    showItemInFolder(fullPath: string) {
      opened.shown.push(fullPath);
    },
    beep() {},
  };
  return { shell, opened, openPathFailures };
}
