// The built main process on the electron stand-in, as its window goes: Electron destroys a window's webContents before
// the window's 'closed' is emitted, and anything main says in between must wait for the next window, not be thrown at
// the dead page (which main logged as a warning, "an event could not be delivered").
import { describe, expect, it, vi } from 'vitest';
import { bootDesktopApp } from '../support/electron-standin/harness';
import { useTempDirs } from '../support/temp-dirs';

const makeTempDir = useTempDirs('splits-window-gone-');

describe('the built main process as its window goes', () => {
  it('an event raised after the page is destroyed and before the window is closed waits for the next window, unlogged', async () => {
    const app = await bootDesktopApp({ dataDir: await makeTempDir() });
    const win = await app.window();
    await app.page(win); // its page has said it is ready: events go to it
    // main logs to stderr; every line is kept, and still written.
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr) as (chunk: string | Uint8Array) => boolean;
    const watch = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return write(chunk);
    });
    try {
      win.destroy(); // 'closed' follows on a later turn, as in Electron
      app.electron.clickTrayMenu('Pause background sync'); // main says settings:changed and state:changed at once
      await vi.waitFor(() => expect(win.isDestroyed()).toBe(true));
      await new Promise((resolve) => setImmediate(resolve)); // past the window's 'closed'
    } finally {
      watch.mockRestore();
    }
    expect(logged.filter((line) => /could not be delivered/.test(line))).toEqual([]);

    // The click was taken (paused), and the next window opens and answers.
    app.electron.clickTrayMenu('Open Splits');
    const page = await app.page(await app.window());
    const settings = await page.evaluate(() =>
      (
        globalThis as unknown as { splits: { settings: { get(): Promise<{ value: { backgroundSync: boolean } }> } } }
      ).splits.settings.get(),
    );
    expect(settings.value.backgroundSync).toBe(false);
    expect(app.electron.problems).toEqual([]);
    expect(await app.quit()).toBe(0);
  }, 60_000);
});
