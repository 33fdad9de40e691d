// The real built main process (main/index.ts → out/main/index.js), booted in Node with the electron stand-in: its
// window is a Chromium page running the built preload and renderer. See test/support/electron-standin/harness.ts.
// The second part checks the stand-in's own Electron behaviour, without main.
import { existsSync, rmSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { root } from '../support/cli';
import { createElectronStandin, type ElectronStandin } from '../support/electron-standin/index';
import { bootDesktopApp } from '../support/electron-standin/harness';
import { useTempDirs } from '../support/temp-dirs';

const makeTempDir = useTempDirs('splits-desktop-');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string; productName: string };

/** Every console error of the app's pages fails these tests. */
const appConsoleErrors = (electron: ElectronStandin) => electron.consoleErrors;

describe('the built main process on the electron stand-in', () => {
  it('opens one hardened window whose page shows the version main answered with', async () => {
    const app = await bootDesktopApp({ dataDir: await makeTempDir() });
    expect(await app.ready).toBe(true);
    const win = await app.window();
    const page = await app.page(win);

    await page.getByText(`Version ${pkg.version}`).waitFor();
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(root, 'out', 'preload', 'index.cjs'),
    });
    // main reports the file:// URL Electron would; the page holds the bridge's capabilities, and only those.
    expect(win.webContents.getURL()).toBe(`file://${join(root, 'out', 'renderer', 'index.html')}`);
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { splits: object }).splits).sort())).toEqual(
      [
        'accounts',
        'activities',
        'app',
        'archive',
        'credentials',
        'history',
        'limits',
        'maps',
        'on',
        'settings',
        'stats',
        'sync',
      ],
    );
    expect(app.electron.problems).toEqual([]);
    expect(appConsoleErrors(app.electron)).toEqual([]);
  }, 60_000);

  it('keeps the page where it is and sends http(s) links to the system browser', async () => {
    const app = await bootDesktopApp({ dataDir: await makeTempDir() });
    const win = await app.window();
    const page = await app.page(win);
    const before = win.webContents.getURL();

    const navigations: string[] = [];
    win.webContents.on('will-navigate', (event: { url: string }) => navigations.push(event.url));
    await page.evaluate(
      () => ((globalThis as unknown as { location: { href: string } }).location.href = 'https://attacker.example/'),
    );
    await vi.waitFor(() => expect(navigations).toEqual(['https://attacker.example/']));
    expect(win.webContents.getURL()).toBe(before);

    const opened = await page.evaluate(() =>
      (globalThis as unknown as { open(url: string): unknown }).open('https://www.strava.com/activities/42'),
    );
    expect(opened).toBeNull();
    await vi.waitFor(() => expect(app.electron.opened.external).toEqual(['https://www.strava.com/activities/42']));
    expect(app.electron.problems).toEqual([]);
  }, 60_000);

  it('hands a second launch over to the running one, which shows its window', async () => {
    const dataDir = await makeTempDir();
    const first = await bootDesktopApp({ dataDir });
    const win = await first.window();
    await first.page(win);
    win.hide();
    expect(win.isVisible()).toBe(false);

    const second = await bootDesktopApp({ dataDir, argv: [process.execPath, root, '--from-test'] });
    expect(await second.ready).toBe(false);
    expect(await second.quitted).toBe(0);
    expect(second.electron.windows()).toEqual([]);
    await vi.waitFor(() => expect(win.isVisible()).toBe(true));
    expect(first.electron.problems).toEqual([]);
    expect(second.electron.problems).toEqual([]);
  }, 60_000);

  it("quits in Electron's order and ends, then boots again on the same data folder", async () => {
    const dataDir = await makeTempDir();
    const app = await bootDesktopApp({ dataDir });
    const win = await app.window();
    await app.page(win);
    const order: string[] = [];
    for (const name of ['before-quit', 'will-quit', 'quit'] as const) app.electron.app.on(name, () => order.push(name));
    win.on('closed', () => order.push('closed'));

    expect(await app.quit()).toBe(0);
    // The app holds the first before-quit back while it winds down, then quits again.
    expect(order).toEqual(['before-quit', 'before-quit', 'closed', 'will-quit', 'quit']);
    expect(win.isDestroyed()).toBe(true);
    expect(app.electron.problems).toEqual([]);

    const again = await bootDesktopApp({ dataDir });
    expect(await again.ready).toBe(true);
    await (await again.page()).getByText(`Version ${pkg.version}`).waitFor();
    expect(await again.quit()).toBe(0);
  }, 60_000);

  it("a test's end winds the app down as Quit does: none of main's intervals outlive it", async () => {
    // Only setInterval is faked, and only for main's life (see the test above).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const app = await bootDesktopApp({ dataDir: await makeTempDir() });
      expect(await app.ready).toBe(true);
      for (let i = 0; i < 200 && vi.getTimerCount() === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(vi.getTimerCount()).toBeGreaterThan(0); // the tray's redraw, at least
      // What onTestFinished runs after every test: with exit() alone, main never wound down and its redraw went on.
      await app.dispose();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);

  it('a quit while main starts ends the start there: nothing is built or written after the app ended', async () => {
    const dataDir = await makeTempDir();
    const app = await bootDesktopApp({ dataDir });
    // At once: main's start is still on its first step (the data folder's checks), with the vault and the window to come.
    expect(await app.quit()).toBe(0);
    // A real Electron's process ends here. main's start, had it gone on, would write its log and its settings into the
    // folder (a test's folder made again after its removal, five a run) and open a window and a tray nothing closes.
    await app.started;
    expect(await readdir(dataDir)).toEqual([]);
    expect(app.electron.windows()).toEqual([]);
    expect(app.electron.trays).toEqual([]);
    expect(app.electron.dialogs.errorBoxes).toEqual([]);
    expect(app.electron.problems).toEqual([]);
  }, 60_000);

  it('takes away the process listeners a boot added once it ends, as a real main ends its process', async () => {
    const counts = () => ['uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e));
    const before = counts();
    const app = await bootDesktopApp({ dataDir: await makeTempDir() });
    expect(await app.ready).toBe(true);
    // main's stray-error catcher is there while it runs...
    expect(counts().map((n, i) => n - before[i]!)).toEqual([1, 1]);
    expect(await app.quit()).toBe(0);
    // ...and gone after: boot after boot in one worker, they passed Node's MaxListeners warning.
    expect(counts()).toEqual(before);
  }, 60_000);

  it('leaves no timer of its own once it ends: nothing reads or remakes its data folder after', async () => {
    // Only setInterval is faked, and only for main's life: a redraw every half minute is otherwise a wait of that long.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const dataDir = await makeTempDir();
      const app = await bootDesktopApp({ dataDir });
      expect(await app.ready).toBe(true);
      // The tray is drawn once main has started its core, a moment after 'ready' (setTimeout is real here).
      for (let i = 0; i < 200 && vi.getTimerCount() === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(vi.getTimerCount()).toBeGreaterThan(0); // the tray's redraw, at least
      expect(await app.quit()).toBe(0);
      // From here synchronous: what remakes the folder now is an interval main left (an hour of them, run at once).
      // The tray's redraw read the settings, whose store makes its folder.
      rmSync(dataDir, { recursive: true, force: true });
      vi.advanceTimersByTime(3_600_000);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);
});

describe('the electron stand-in itself', () => {
  const fixture = join(root, 'test', 'support', 'electron-standin', 'fixtures', 'blank.html');

  async function standin(): Promise<ElectronStandin> {
    const dir = await makeTempDir();
    const electron = createElectronStandin({ userData: dir, appPath: root, argv: [], cwd: root });
    electron.app.emitReady();
    return electron;
  }

  /** A stand-in whose app is ready, ended after `use` whatever happens. */
  async function withStandin(use: (electron: ElectronStandin) => Promise<void>): Promise<void> {
    const electron = await standin();
    try {
      await use(electron);
    } finally {
      electron.app.exit(0);
      await electron.app.exited;
    }
  }

  /** A sandboxed, context-isolated window running `source` as its preload, with the blank fixture loaded. */
  async function preloadedWindow(electron: ElectronStandin, source: string) {
    const preload = join(await makeTempDir(), 'preload.cjs');
    await writeFile(preload, source);
    const win = new electron.BrowserWindow({ webPreferences: { preload, sandbox: true, contextIsolation: true } });
    await win.loadFile(fixture);
    return { win, page: await win.webContents.playwrightPage() };
  }

  it(
    'crosses ipc both ways, naming the sender by webContents and by frame',
    () =>
      withStandin(async (electron) => {
        const { win, page } = await preloadedWindow(
          electron,
          "const { contextBridge, ipcRenderer } = require('electron'); let last = null;" +
            "ipcRenderer.on('ping', (_event, value) => { last = value; });" +
            "contextBridge.exposeInMainWorld('probe', { last: () => last, who: () => ipcRenderer.invoke('who', { n: 1 }), fail: () => ipcRenderer.invoke('nobody') });",
        );
        electron.ipcMain.handle('who', (event, arg: unknown) => ({
          arg,
          sameSender: event.sender === (win.webContents as unknown),
          sameFrame: event.senderFrame === (win.webContents.mainFrame as unknown),
          url: event.senderFrame?.url,
        }));

        expect(
          await page.evaluate(() => (globalThis as unknown as { probe: { who(): Promise<unknown> } }).probe.who()),
        ).toEqual({
          arg: { n: 1 },
          sameSender: true,
          sameFrame: true,
          url: `file://${fixture}`,
        });
        await expect(
          page.evaluate(() => (globalThis as unknown as { probe: { fail(): Promise<unknown> } }).probe.fail()),
        ).rejects.toThrow("No handler registered for 'nobody'");
        win.webContents.send('ping', { at: 7 });
        await vi.waitFor(async () =>
          expect(
            await page.evaluate(() => (globalThis as unknown as { probe: { last(): unknown } }).probe.last()),
          ).toEqual({ at: 7 }),
        );
        expect(electron.problems).toEqual([]);
      }),
    60_000,
  );

  it(
    'runs the preload in a world of its own, as contextIsolation promises: the page reaches only what the bridge exposed',
    () =>
      withStandin(async (electron) => {
        // A careless preload that leaves ipcRenderer, require and its own state on its window: with contextIsolation
        // that window is the preload's world's, not the page's.
        const { page } = await preloadedWindow(
          electron,
          "const { contextBridge, ipcRenderer } = require('electron');" +
            "window.ipcRenderer = ipcRenderer; window.require = require; window.preloadState = { token: 'kept in the preload' };" +
            "contextBridge.exposeInMainWorld('probe', { who: () => ipcRenderer.invoke('who'), pageGlobal: () => typeof window.pageGlobal, title: () => document.title, echo: (value) => value });",
        );
        electron.ipcMain.handle('who', () => 'main answered');
        type Probe = { who(): Promise<string>; pageGlobal(): string; title(): string; echo<T>(value: T): T };
        const seen = await page.evaluate(async () => {
          const w = globalThis as unknown as Record<string, unknown> & { probe: Probe; document: { title: string } };
          w.pageGlobal = 'set by the page';
          w.document.title = 'one document';
          const sent = { nested: { n: 1 } };
          const echoed = w.probe.echo(sent);
          return {
            reachable: {
              ipcRenderer: typeof w.ipcRenderer,
              require: typeof w.require,
              preloadState: typeof w.preloadState,
              process: typeof w.process,
              module: typeof w.module,
            },
            // Nothing of the stand-in's plumbing (bindings, delivery hooks) is on the page's window either.
            plumbing: Object.getOwnPropertyNames(w).filter((key) => key.startsWith('__electronStandin')),
            answer: await w.probe.who(),
            // The preload's world does not see the page's globals; both see the one DOM.
            preloadSeesPageGlobal: w.probe.pageGlobal(),
            preloadSeesTitle: w.probe.title(),
            echo: {
              equal: JSON.stringify(echoed) === JSON.stringify(sent),
              same: echoed === sent,
              frozen: Object.isFrozen(echoed),
            },
          };
        });

        expect(seen).toEqual({
          reachable: {
            ipcRenderer: 'undefined',
            require: 'undefined',
            preloadState: 'undefined',
            process: 'undefined',
            module: 'undefined',
          },
          plumbing: [],
          answer: 'main answered',
          preloadSeesPageGlobal: 'undefined',
          preloadSeesTitle: 'one document',
          echo: { equal: true, same: false, frozen: true },
        });
        expect(electron.problems).toEqual([]);
      }),
    60_000,
  );

  it(
    'carries over ipc what a structured clone carries, both ways, where JSON would lose it',
    () =>
      withStandin(async (electron) => {
        let received: Record<string, unknown> = {};
        electron.ipcMain.handle('echo', (_event, value: Record<string, unknown>) => (received = value));
        const { page } = await preloadedWindow(
          electron,
          "const { contextBridge, ipcRenderer } = require('electron'); const shared = { n: 1 };" +
            "const value = { u: undefined, nan: NaN, negZero: -0, big: 10n, when: new Date(5), re: /a+/gi, map: new Map([['k', [1]]]), set: new Set([2])," +
            " bytes: new Uint8Array([1, 2, 255]), holes: [1, , 3], err: new TypeError('bad'), a: shared, b: shared };" +
            "contextBridge.exposeInMainWorld('probe', { echo: () => ipcRenderer.invoke('echo', value) });",
        );

        type Echoed = {
          u: undefined;
          nan: number;
          negZero: number;
          big: bigint;
          when: Date;
          re: RegExp;
          map: Map<string, number[]>;
          set: Set<number>;
          bytes: Uint8Array;
          holes: unknown[];
          err: Error;
        };
        const back = await page.evaluate(async () => {
          const v = await (globalThis as unknown as { probe: { echo(): Promise<Echoed> } }).probe.echo();
          return [
            'u' in v && v.u === undefined,
            Number.isNaN(v.nan),
            Object.is(v.negZero, -0),
            v.big === BigInt(10),
            v.when.getTime() === 5,
            String(v.re) === '/a+/gi',
            JSON.stringify(v.map.get('k')) === '[1]',
            v.set.has(2),
            v.bytes.join() === '1,2,255',
            v.holes.length === 3 && v.holes[1] === undefined,
            v.err.message === 'bad',
          ];
        });

        expect(back).toEqual(Array(11).fill(true));
        expect(Object.keys(received)).toContain('u');
        expect(Object.is(received.negZero, -0)).toBe(true);
        expect(received.a).toBe(received.b);
        expect(received).toEqual({
          u: undefined,
          nan: NaN,
          negZero: -0,
          big: 10n,
          when: new Date(5),
          re: /a+/gi,
          map: new Map([['k', [1]]]),
          set: new Set([2]),
          bytes: new Uint8Array([1, 2, 255]),
          holes: [1, undefined, 3],
          err: new TypeError('bad'),
          a: { n: 1 },
          b: { n: 1 },
        });
        expect(electron.problems).toEqual([]);
      }),
    60_000,
  );

  it(
    'reports a preload that throws, at load or later in a listener, as a problem with its message',
    () =>
      withStandin(async (electron) => {
        await preloadedWindow(electron, "throw new Error('the preload broke');");
        await vi.waitFor(() => expect(electron.problems).toEqual([expect.stringContaining('the preload broke')]));

        const { win } = await preloadedWindow(
          electron,
          "require('electron').ipcRenderer.on('boom', () => { throw new Error('a listener broke'); });",
        );
        win.webContents.send('boom');
        await vi.waitFor(() =>
          expect(electron.problems).toEqual([
            expect.stringContaining('the preload broke'),
            expect.stringContaining('a listener broke'),
          ]),
        );
      }),
    60_000,
  );

  it('keeps a window whose close is prevented, which cancels a quit', () =>
    withStandin(async (electron) => {
      const win = new electron.BrowserWindow({ show: false });
      win.on('close', (event: { preventDefault(): void }) => event.preventDefault());
      const quits: string[] = [];
      electron.app.on('will-quit', () => quits.push('will-quit'));
      electron.app.quit();
      await new Promise((r) => setTimeout(r, 50));
      expect(win.isDestroyed()).toBe(false);
      expect(electron.BrowserWindow.getAllWindows()).toEqual([win]);
      expect(quits).toEqual([]);
    }));

  it('records the tray, flips a checkbox item before its click, and fails loudly on a missing icon', async () => {
    const electron = await standin();
    try {
      const m = electron.module;
      const icon = join(root, 'test', 'support', 'electron-standin', 'fixtures', 'blank.html');
      const tray = new m.Tray(m.nativeImage.createFromPath(icon));
      const clicks: boolean[] = [];
      tray.setToolTip('Splits: idle');
      tray.setContextMenu(
        m.Menu.buildFromTemplate([
          { label: 'Pause', type: 'checkbox', checked: false, click: (item) => clicks.push(item.checked) },
          { type: 'separator' },
          { role: 'quit' },
        ]),
      );
      expect(electron.trayState()).toMatchObject({
        toolTip: 'Splits: idle',
        image: icon,
        menu: [{ label: 'Pause', checked: false }, { type: 'separator' }, { label: 'Quit' }],
      });

      electron.clickTrayMenu('Pause');
      electron.clickTrayMenu('Pause');
      expect(clicks).toEqual([true, false]);
      expect(() => m.nativeImage.createFromPath('/no/such/icon.png')).toThrow('no such file: /no/such/icon.png');
      expect(electron.problems).toEqual(['nativeImage.createFromPath: no such file: /no/such/icon.png']);
      electron.clickTrayMenu('Quit');
      expect(await electron.app.exited).toBe(0);
    } finally {
      electron.app.exit(0);
    }
  });
});
