// settings.json edited by hand while the real main process runs (the built out/main on the electron stand-in, its
// window a Chromium page): the window's close and the tray, which read the settings with nothing around them to catch
// an error, go on with the defaults. The desktop core's side (IPC answers, the file kept aside, told once) is in
// input-settings.test.ts.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../preload/payloads';
import { bootDesktopApp } from '../../support/electron-standin/harness';
import { keepMainStderr } from '../../support/main-stderr';
import { useTempDirs } from '../../support/temp-dirs';

const makeTempDir = useTempDirs('splits-settings-app-');

type Answer = { ok: boolean; value?: unknown };
type Bridge = { settings: { get(): Promise<Answer> }; sync: { state(): Promise<Answer> } };

describe('settings.json edited by hand under the running app', () => {
  // main's warnings for the faults these tests cause on purpose: kept, not printed into a passing run.
  const mainStderr = keepMainStderr();
  it('closing the window hides it and the tray still redraws: both with the defaults, the bad files kept aside, each told once', async () => {
    const dataDir = await makeTempDir();
    // No account: the first run opens the window. No Strava: nothing here needs it.
    const app = await bootDesktopApp({
      dataDir,
      env: { SPLITS_VAULT: 'file', STRAVA_CLIENT_ID: undefined, STRAVA_CLIENT_SECRET: undefined },
    });
    expect(await app.ready).toBe(true);
    const win = await app.window();
    const page = await app.page(win);
    await vi.waitFor(() => expect(app.electron.trayState().menu.length).toBeGreaterThan(0));
    const file = join(dataDir, 'settings.json');
    const settingsNotices = () => app.electron.notifications.filter((n) => /settings/i.test(n.title));
    const aside = async () => (await readdir(dataDir)).filter((name) => name.startsWith('settings.corrupt-')).sort();

    // The close handler is the first to read the file after the edit: the window is hidden (close to tray, the
    // default), not closed, and nothing throws.
    await writeFile(file, '{"syncIntervalMinutes":5}');
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.isVisible()).toBe(false);
    await vi.waitFor(() => expect(settingsNotices()).toHaveLength(1));
    expect(await aside()).toHaveLength(1);
    expect(await readFile(join(dataDir, (await aside())[0]!), 'utf8')).toBe('{"syncIntervalMinutes":5}');
    // The window's own calls answer with the defaults.
    const answers = await page.evaluate(async () => {
      const splits = (globalThis as unknown as { splits: Bridge }).splits;
      return { settings: await splits.settings.get(), state: await splits.sync.state() };
    });
    expect(answers.settings).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(answers.state.ok).toBe(true);

    // Edited again, then Pause from the tray: the menu reads the file, the change is stored over the defaults, and the
    // tray redraws with it.
    await writeFile(file, '{"closeToTray":"no"}');
    app.electron.clickTrayMenu('Pause background sync');
    const pause = () =>
      (app.electron.trayState().menu as Array<{ label?: string; checked?: boolean }>).find(
        (i) => i.label === 'Pause background sync',
      );
    await vi.waitFor(() => expect(pause()?.checked).toBe(true));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ...DEFAULT_SETTINGS, backgroundSync: false });
    await vi.waitFor(() => expect(settingsNotices()).toHaveLength(2));
    expect(await aside()).toHaveLength(2);

    // Reads after that find a good file: nobody is told again.
    app.electron.clickTray();
    expect(win.isVisible()).toBe(true);
    win.close();
    expect(win.isVisible()).toBe(false);
    expect(settingsNotices()).toHaveLength(2);
    // The log says each too, once.
    expect(mainStderr().filter((l) => l.includes('the settings file could not be used'))).toHaveLength(2);
    expect(app.electron.problems).toEqual([]);
    expect(app.electron.dialogs.errorBoxes).toEqual([]);
    expect(await app.quit()).toBe(0);
  }, 90_000);
});
