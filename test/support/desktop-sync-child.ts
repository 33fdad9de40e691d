// The desktop app's main process as a process of its own, so a test can SIGKILL it: the built main
// (out/main/index.js) booted with `electron` replaced by the stand-in (test/support/electron-standin/), as
// harness.ts does inside vitest, but here through a Node module hook, since there is no vitest in this process.
// It clicks "Sync now" (or "Full sync" with `full`) in the tray, waits for that sync to be recorded in history.json,
// prints the record as one JSON line, quits the app as the tray's Quit does and exits with the app's exit code.
//
//   node --import tsx test/support/desktop-sync-child.ts [full]   (the crash probe runs it bundled by esbuild)
//
// The environment names the data folder (SPLITS_DATA_DIR) and Strava (STRAVA_API_URL, ...), as for the app. The data
// folder must have an account already: the first run opens a window, and this process has no Chromium for it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './cli';
import { useStandinAsElectron } from './electron-standin/in-process';

const dataDir = process.env.SPLITS_DATA_DIR;
if (!dataDir) throw new Error('desktop-sync-child: set SPLITS_DATA_DIR to the data folder');
const full = process.argv.includes('full');

// `import ... from 'electron'` (main's, electron-store's) gets the stand-in.
const electron = useStandinAsElectron(dataDir);

/** The newest run history.json records (the history keeps a bounded number, so its length says nothing). */
const lastRun = async (): Promise<string | null> => {
  const text = await readFile(join(dataDir, 'history.json'), 'utf8').catch(() => null);
  const runs = text === null ? [] : ((JSON.parse(text) as { runs?: unknown[] }).runs ?? []);
  return runs.length === 0 ? null : JSON.stringify(runs[runs.length - 1]);
};
const until = async (condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 10 * 60_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end)
      throw new Error(`desktop-sync-child: timed out waiting for ${what} (${electron.problems.join('; ')})`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

await import(pathToFileURL(join(root, 'out', 'main', 'index.js')).href);
// Electron emits 'ready' after the entry module has been evaluated, never inside it.
await new Promise((r) => setImmediate(r));
electron.app.emitReady();
await until(() => electron.trays.some((t) => !t.isDestroyed() && t.menu !== null), 'the tray');
if (electron.windows().length > 0)
  throw new Error(
    'desktop-sync-child: the app opened a window (no account in the data folder?); this process has no Chromium',
  );
const before = await lastRun();
await until(
  () => electron.trayState().menu.some((i) => i.label === 'Sync now' && i.enabled),
  'the tray to offer a sync',
);
electron.clickTrayMenu(full ? 'Full sync' : 'Sync now');
await until(
  async () => (await lastRun()) !== before && electron.trayState().menu.some((i) => i.label === 'Sync now'),
  'the sync to be recorded',
);
process.stdout.write(`${await lastRun()}\n`);
electron.app.quit();
process.exitCode = await electron.app.exited;
// Main may leave timers (the scheduler, a lock refresh) behind its exit, as Electron's process would not.
process.exit();
