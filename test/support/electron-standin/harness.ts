// bootDesktopApp: the real built main process (out/main/index.js, from main/index.ts) booted inside the vitest process,
// with `electron` replaced by a typed stand-in (this folder).
//
// Real: main's code as built and shipped, its services, the store on disk, any HTTP it does (point STRAVA_API_URL at
// the simulator); the window's page in Debian's Chromium (playwright-core) running the built preload
// (out/preload/index.cjs) in an isolated world of its own, and the built renderer (out/renderer) with its CSP; IPC
// crossing between them as structured clones through CDP bindings of the preload's world, with the sender's
// webContents and frame.
// Faked: Electron itself. app's lifecycle (ready, single instance by data folder, quit's event order, exit), windows
// as pages of one headless Chromium, the preload's sandbox (its require('electron') is a shim; contextBridge crosses
// between the worlds as Electron's does), and recorders for Tray, Menu, nativeImage, shell, Notification, powerMonitor,
// dialog, nativeTheme and session. See each file's header for what it models.
// How main gets it: every boot makes a fresh stand-in, resets vitest's module registry, mocks 'electron' with the
// stand-in (vi.doMock) and imports the entry again, then emits 'ready' once the entry has been evaluated, as Electron
// does. So a test file can quit and boot again (a restart), or boot twice at once (a second instance).
//
//   const app = await bootDesktopApp({ dataDir, env: { STRAVA_API_URL: sim.url } });
//   const page = await app.page();                       // the first window, once loaded
//   await page.getByText(`Version ${app.electron.app.getVersion()}`).waitFor();
//   app.electron.clickTrayMenu('Sync now');
//   expect(await app.quit()).toBe(0);                    // app.quit(), then the exit code
//   expect(app.electron.problems).toEqual([]);
//
// Limits: one Node process holds every boot, so process.env is shared while two boots overlap, and work main left
// running (timers, servers) outlives its "exit" (recorded as problems when it calls Electron). Boots are serialized.
// The entry is imported by its own name, as Electron does: the chunks main loads later (an import's, an export's code)
// import it back by that name and must find this boot's copy; a chunk a boot loads after a later boot began finds the
// later one's.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { onTestFinished, vi } from 'vitest';
import { root } from '../cli';
import { ensureDesktopBuild, outDir } from './build';
import { createElectronStandin, type ElectronStandin, type StandinBrowserWindow, type StandinConfig } from './index';

export interface BootOptions {
  /** The app's data folder: app.getPath('userData'), and SPLITS_DATA_DIR unless env sets it. */
  dataDir: string;
  /** Set in process.env for the boot's life (undefined unsets), restored when it ends. */
  env?: Record<string, string | undefined>;
  /** This instance's command line, which a running first instance receives on 'second-instance'. */
  argv?: string[];
  /** app.getPath overrides. */
  paths?: StandinConfig['paths'];
  systemDark?: boolean;
  /** The entry to boot; the built out/main/index.js by default. */
  entry?: string;
}

export interface DesktopApp {
  /** The stand-in main was given: its recorders and helpers (tray, notifications, opened URLs, problems...). */
  electron: ElectronStandin;
  /** true once 'ready' was emitted; false if the app ended first (a second instance that quit at once). */
  ready: Promise<boolean>;
  /** The exit code, when the app has ended (quit or exit). */
  quitted: Promise<number>;
  /** main's start (its exported `started`), settled: up, given up, or ended early by a quit. */
  started: Promise<void>;
  /** The first open window, waiting up to `timeout` ms for main to open one. */
  window(timeout?: number): Promise<StandinBrowserWindow>;
  /** The Playwright page of a window (the first by default), once its first load has finished. */
  page(win?: StandinBrowserWindow): Promise<Page>;
  /** app.quit() as the tray's Quit would, then the exit code. */
  quit(): Promise<number>;
  /** Ends the boot if it still runs (app.exit(0), no quit events), and waits for it. Called after each test anyway. */
  dispose(): Promise<void>;
}

let booting: Promise<unknown> = Promise.resolve();

/** How long an ended app's start is waited for to reach its next step: a step that hangs must not hang the test. */
const START_STEP_MS = 10_000;
/** How long a test's end waits for its app to quit (main's wind-down has a 15 s deadline of its own, for a sync). */
const QUIT_WAIT_MS = 20_000;

/** `promise` settled, either way, or `ms` passed. */
function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  const done = promise.then(
    () => undefined,
    () => undefined,
  );
  if (!Number.isFinite(ms)) return done;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([done, late]).finally(() => clearTimeout(timer));
}

export async function bootDesktopApp(options: BootOptions): Promise<DesktopApp> {
  await ensureDesktopBuild();
  // One boot at a time: the module mock and registry reset must not interleave.
  const boot = booting.then(() => start(options));
  booting = boot.catch(() => undefined);
  return boot;
}

async function start(options: BootOptions): Promise<DesktopApp> {
  const entry = options.entry ?? join(outDir, 'main', 'index.js');
  const restoreEnv = setEnv({ SPLITS_DATA_DIR: options.dataDir, ...options.env });
  const electron = createElectronStandin({
    userData: options.dataDir,
    appPath: root,
    argv: options.argv ?? [process.execPath, root],
    cwd: root,
    paths: options.paths,
    systemDark: options.systemDark,
  });
  // The process-wide listeners this boot's main adds (its stray-error catcher), taken away when it ends: a real main
  // ends its process, and here boot after boot, file after file in a shared worker, they piled up past Node's
  // MaxListeners warning.
  const listenersBefore = processListeners();
  let listenersAdded: ProcessListeners = [];
  // main's start (its exported `started`), once the entry is imported.
  let mainStarted: Promise<unknown> = Promise.resolve();
  let ended = false;
  const quitted = electron.app.exited.then(async (code) => {
    ended = true;
    // A real main's process ends here; this one's start may still be on a step (a data folder's check, which makes the
    // folder), and it ends at the next one (main/index.ts). Until then, a test that removes the folder saw it made again;
    // and the environment and listeners main runs with stay until it has.
    await settled(mainStarted, START_STEP_MS);
    restoreEnv();
    for (const [event, listener] of listenersAdded) process.off(event, listener);
    return code;
  });
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  try {
    const main = (await import(/* @vite-ignore */ pathToFileURL(entry).href)) as { started?: Promise<unknown> };
    mainStarted = main.started ?? mainStarted;
  } catch (error) {
    electron.app.exit(1);
    await quitted;
    throw error;
  } finally {
    vi.doUnmock('electron');
    listenersAdded = processListeners().filter(
      ([event, listener]) => !listenersBefore.some(([e, l]) => e === event && l === listener),
    );
  }
  // Electron emits 'ready' after the entry module has been evaluated, never inside it.
  await new Promise((r) => setImmediate(r));
  electron.app.emitReady();
  const ready = Promise.race([electron.app.whenReady().then(() => true), quitted.then(() => false)]);

  const app: DesktopApp = {
    electron,
    ready,
    quitted,
    started: settled(mainStarted, Number.POSITIVE_INFINITY),
    window: (timeout = 10_000) =>
      vi.waitFor(
        () => {
          const win = electron.windows()[0];
          if (!win) throw new Error(`the app has opened no window${explain(electron)}`);
          return win;
        },
        { timeout, interval: 20 },
      ),
    async page(win) {
      const target = win ?? (await app.window());
      // A page that never opened (no Chromium) never loads: say why now, not at the test's time-out, and end the app
      // first, which would otherwise go on writing into the data folder the test is about to remove.
      await target.webContents.ready.catch(async (error: unknown) => {
        await app.dispose();
        throw error;
      });
      await target.webContents.loaded;
      return target.webContents.playwrightPage();
    },
    async quit() {
      electron.app.quit();
      return quitted;
    },
    async dispose() {
      // Quit first, as the tray's Quit would: exit() emits no quit event, so main would not wind down, and what it
      // runs (the tray's redraw, the limits' ticker, the scheduler, a start still under way) would go on in this
      // process, where a real main's process ends; the redraw read the settings half a minute later, making the data
      // folder a test had removed again. exit() only for an app that does not end by itself.
      if (!ended) {
        electron.app.quit();
        await settled(quitted, QUIT_WAIT_MS);
      }
      electron.app.exit(0);
      await quitted;
    },
  };
  try {
    onTestFinished(() => app.dispose());
  } catch {
    // Booted outside a test (beforeAll): the caller disposes.
  }
  return app;
}

type ProcessListeners = Array<[string, (...args: unknown[]) => void]>;

function processListeners(): ProcessListeners {
  const of = (event: string, listeners: ReadonlyArray<(...args: never[]) => unknown>): ProcessListeners =>
    listeners.map((listener) => [event, listener as (...args: unknown[]) => void]);
  return [
    ...of('uncaughtException', process.listeners('uncaughtException')),
    ...of('unhandledRejection', process.listeners('unhandledRejection')),
  ];
}

/** What the stand-in saw that may say why: problems, error boxes, whether it ended. */
function explain(electron: ElectronStandin): string {
  const seen = [...electron.problems, ...electron.dialogs.errorBoxes.map((b) => `error box: ${b.title}: ${b.content}`)];
  return seen.length ? ` (${seen.join('; ')})` : '';
}

function setEnv(env: Record<string, string | undefined>): () => void {
  const saved = Object.entries(env).map(([key]) => [key, process.env[key]] as const);
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
