// The desktop app's main process as a process of its own, for errors nothing catches: the process-wide handlers in it
// are main's alone (inside vitest, vitest's own would be there too, and would fail the test on a stray error). The
// built main (out/main/index.js) booted on the electron stand-in, launched with --hidden (the first run opens no
// window: this process has no Chromium).
//
//   node --import tsx test/support/stray-errors-child.ts --hidden running    once the tray is up, a promise is rejected
//       with nobody handling it and a timer throws; then Pause background sync is clicked in the tray and the tray
//       must redraw, and the app is quit from the tray.
//   node --import tsx test/support/stray-errors-child.ts --hidden starting   a timer throws before the app is ready.
//
// Prints one JSON line: what the app showed (error boxes, whether the tray redrew) and its exit code, then exits with
// that code. The log (main's stderr) is this process's stderr. SPLITS_DATA_DIR names the data folder.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { root } from './cli';
import { useStandinAsElectron } from './electron-standin/in-process';

const dataDir = process.env.SPLITS_DATA_DIR;
if (!dataDir) throw new Error('stray-errors-child: set SPLITS_DATA_DIR to the data folder');
const mode = process.argv.includes('starting') ? 'starting' : 'running';
const electron = useStandinAsElectron(dataDir);

let exitCode: number | null = null;
void electron.app.exited.then((code) => (exitCode = code));
const until = async (condition: () => boolean, what: string) => {
  for (const end = Date.now() + 60_000; !condition(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end || exitCode !== null)
      throw new Error(
        `stray-errors-child: no ${what} (${exitCode !== null ? `the app ended with ${exitCode}` : 'timed out'})`,
      );
  }
};
const pauseChecked = () => electron.trayState().menu.find((i) => i.label === 'Pause background sync')?.checked === true;

await import(pathToFileURL(join(root, 'out', 'main', 'index.js')).href);
if (mode === 'starting') {
  setImmediate(() => {
    throw new Error('a stray exception the test threw while Splits was starting');
  });
}
// Electron emits 'ready' after the entry module has been evaluated, never inside it (and never after an exit).
await new Promise((r) => setImmediate(r));
if (exitCode === null) electron.app.emitReady();

let trayRedrew = false;
if (mode === 'running') {
  await until(() => electron.trays.some((t) => !t.isDestroyed() && t.menu !== null), 'tray');
  void Promise.reject(new Error('a stray rejection the test made'));
  setTimeout(() => {
    throw new Error('a stray exception the test threw');
  });
  await new Promise((r) => setTimeout(r, 50));
  electron.clickTrayMenu('Pause background sync');
  await until(pauseChecked, 'tray redrawn with the pause');
  trayRedrew = true;
  electron.clickTrayMenu('Quit Splits');
}
const code = await electron.app.exited;
process.stdout.write(
  `${JSON.stringify({ code, trayRedrew, errorBoxes: electron.dialogs.errorBoxes, problems: electron.problems })}\n`,
);
// Main may leave timers behind its exit, as Electron's process would not.
process.exit(code);
