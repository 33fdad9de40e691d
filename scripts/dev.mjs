// `npm run dev`: the renderer from Vite's dev server (hot reload), main and the preload rebuilt by Vite's watch on every
// change, all three from electron.vite.config.ts (the config scripts/build.mjs builds from), and `electron .`
// restarted after each rebuild, with SPLITS_DEV_SERVER_URL telling main to load the dev server instead of
// out/renderer. Electron is started here rather than by electron-vite's own dev server, which starts the binary itself
// and fails without it; this one says the binary is missing and keeps serving.
// Paths are relative to the working directory, as in scripts/build.mjs (npm runs scripts from the project).
// SPLITS_DEV_NO_ELECTRON=1 runs everything but Electron; SPLITS_DEV_PORT picks the port (0: any free one);
// SPLITS_DEV_END_MS is how long Electron has to end before it is killed (5 s).
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { claimDevSession, devSessionFile, isRunning, sessionOwners } from './dev-session.mjs';
import { electronBinary } from './electron-binary.mjs';

const root = process.cwd();
const log = (message) => console.log(`dev: ${message}`);

// Who started this session, taken before anything else (Vite and electron-vite are loaded below, after it): an npm
// killed during the start would otherwise be missed, its shell handed to init by the time the watch begins.
const [parent, ...above] = sessionOwners();
const [{ resolveConfig }, { build, createServer, mergeConfig }] = await Promise.all([
  import('electron-vite'),
  import('vite'),
]);

/** SPLITS_DEV_PORT: a port to serve on and no other (0: any free one); unset, 5173 or the next free one. */
const DEFAULT_PORT = 5173;
const portSetting = process.env.SPLITS_DEV_PORT?.trim() || undefined;
const port = portSetting === undefined ? DEFAULT_PORT : Number(portSetting);
if (!/^\d+$/.test(portSetting ?? '0') || port > 65535) {
  console.error(`dev: SPLITS_DEV_PORT must be a port number from 0 to 65535 (0: any free one), not "${portSetting}"`);
  process.exit(2);
}

const session = await claimDevSession(root);
if (session.holder) {
  console.error(
    `dev: npm run dev is already running in this project (pid ${session.holder}): stop it first, since both would ` +
      `build into out/. If that process is not npm run dev, delete ${devSessionFile(root)}.`,
  );
  process.exit(1);
}

/**
 * The renderer's CSP allows no inline script and no connection, which would block Vite's client and React's
 * refresh preamble (both inline or over a WebSocket). On the dev server only, it lets them in; the built
 * out/renderer/index.html keeps the strict policy.
 */
function devCsp() {
  return {
    name: 'splits-dev-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html
          .replace(/script-src 'self'/, "script-src 'self' 'unsafe-inline'")
          .replace(/connect-src 'none'/, "connect-src 'self' ws://127.0.0.1:* ws://localhost:*"),
    },
  };
}

/** The watch builds running now: Electron is never started while one of them writes its files. */
const building = { main: false, preload: false };

/**
 * Calls `onBuilt` after every build of a Vite watch that succeeds (the first one included), and keeps `building`.
 * Vite hands the watcher back before its first build can report: Rolldown bundles off the event loop.
 */
function reportBuilds(watcher, which, onBuilt) {
  const label = `out/${which}`;
  watcher.on('event', (event) => {
    if (event.code === 'BUNDLE_START') building[which] = true;
    if (event.code === 'ERROR') {
      building[which] = false;
      log(`${label} failed to build; waiting for the next change`);
    }
    if (event.code !== 'BUNDLE_END') return;
    building[which] = false;
    log(`built ${label} (${event.duration} ms)`);
    onBuilt();
  });
}

// main, the preload and the renderer as electron.vite.config.ts declares them, with electron-vite's presets applied.
const { config } = await resolveConfig(
  { configFile: join(root, 'electron.vite.config.ts'), logLevel: 'warn', clearScreen: false },
  'serve',
  'development',
);

// Vite closes its server and exits on SIGTERM (or when stdin ends) by itself, which would leave Electron and the
// watchers behind: its listeners are taken off, and stop() below ends everything in order.
const viteSigterm = new Set(process.listeners('SIGTERM'));
const viteStdinEnd = new Set(process.stdin.listeners('end'));
const server = await createServer(
  mergeConfig(config.renderer, {
    plugins: [devCsp()],
    server: { host: '127.0.0.1', port, strictPort: portSetting !== undefined && port !== 0 },
  }),
);
for (const listener of process.listeners('SIGTERM')) if (!viteSigterm.has(listener)) process.off('SIGTERM', listener);
for (const listener of process.stdin.listeners('end'))
  if (!viteStdinEnd.has(listener)) process.stdin.off('end', listener);
try {
  await server.listen();
} catch (error) {
  // A port asked for by name and taken: said in a line, not a stack.
  console.error(
    portSetting === undefined
      ? `dev: the dev server could not listen: ${error.message}`
      : `dev: SPLITS_DEV_PORT=${port}: ${error.message}; choose another, or 0 for any free one`,
  );
  // Exiting ends the server with the process (closing it first makes Vite log its aborted scan, with a stack).
  await session.release();
  process.exit(1);
}
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('Vite did not say where it listens');
const served = Number(new URL(url).port);
if (portSetting === undefined && served !== DEFAULT_PORT)
  log(`port ${DEFAULT_PORT} is taken (by another program, or another project's npm run dev): serving on ${served}`);
log(`renderer at ${url}`);

const binary = process.env.SPLITS_DEV_NO_ELECTRON === '1' ? null : electronBinary(root);
if (process.env.SPLITS_DEV_NO_ELECTRON === '1') log('SPLITS_DEV_NO_ELECTRON=1: not starting Electron');
else if (!binary) {
  log(
    "Electron's binary is not installed: `npm start` downloads it (from GitHub, or ELECTRON_MIRROR) and says why when " +
      'it cannot. Vite and the watchers keep running: the renderer is at the address above, without window.splits. ' +
      'Restart npm run dev once Electron is there.',
  );
}

let electron = null;
/** An Electron a restart told to end, until it has exited: a stop then waits for it too. */
let ending = null;
let stopping = false;
let restartTimer = null;
const built = { main: false, preload: false };

/**
 * How long Electron has to end after SIGTERM before it is killed: one that hangs must not hold the session.
 * SPLITS_DEV_END_MS sets it (the tests' stand-in Electron, which never ends by itself).
 */
const endSetting = Number(process.env.SPLITS_DEV_END_MS);
const ELECTRON_END_MS = endSetting > 0 ? Math.min(endSetting, 600_000) : 5000;

/** Ends an Electron: SIGTERM, then SIGKILL if it is still there after ELECTRON_END_MS. Resolves once it has exited. */
function endElectron(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), ELECTRON_END_MS);
  return exited.finally(() => clearTimeout(kill));
}

/** Whether Electron may start now: not while stopping, nor while a build writes main or the preload in place. */
const mayStart = () => !stopping && built.main && built.preload && !building.main && !building.preload;

/** Restarts one after another: two side by side would each start an Electron once the old one ended. */
let restarts = Promise.resolve();
const restartElectron = () =>
  (restarts = restarts.then(restartOnce).catch((error) => log(`Electron could not be started: ${error.message}`)));

/**
 * Starts Electron, or restarts it after a rebuild; a quit from the app ends the dev session. A build that starts
 * meanwhile restarts it again when it ends (builtOne).
 */
async function restartOnce() {
  if (!binary || !mayStart()) return;
  if (electron) {
    const old = electron;
    electron = null;
    ending = endElectron(old);
    await ending;
    ending = null;
    // A stop, or another build, may have begun while the old one ended.
    if (!mayStart()) return;
  }
  const env = { ...process.env, SPLITS_DEV_SERVER_URL: url };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: root, env, stdio: 'inherit' });
  electron = child;
  // A binary that cannot be run (replaced by an install meanwhile, not executable): said, and the session goes on.
  child.once('error', (error) => {
    log(`Electron could not be started: ${error.message}`);
    if (electron === child) electron = null;
  });
  if (child.pid !== undefined) log(`started Electron (pid ${child.pid})`);
  child.once('exit', (code) => {
    if (electron !== child) return;
    electron = null;
    log(`Electron exited (${code ?? 'signal'}); stopping`);
    void stop(code ?? 0);
  });
}

function builtOne(which) {
  return () => {
    built[which] = true;
    // main and the preload usually rebuild together (a shared file): one restart for both.
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => void restartElectron(), 150);
  };
}

/**
 * A Vite watch build of `which` (main or the preload), into out/ as scripts/build.mjs builds it. Vite would empty the
 * folder before every rebuild, so out/main/index.js would be missing while one runs (and one save can start two):
 * an Electron restarted then finds no main and ends the session. The folder is emptied once here instead, and each
 * rebuild writes over the files in place (a file is empty for an instant then: Electron waits for the builds to end).
 */
async function watch(which) {
  const outDir = resolve(root, config[which].build.outDir);
  // As Vite itself would: a folder outside the project, or the project itself, is never emptied.
  const inside = relative(root, outDir);
  if (inside && !inside.startsWith('..') && !isAbsolute(inside)) await rm(outDir, { recursive: true, force: true });
  else log(`${outDir} is not inside the project: not emptied`);
  const watcher = await build(mergeConfig(config[which], { build: { watch: {}, emptyOutDir: false } }));
  reportBuilds(watcher, which, builtOne(which));
  return watcher;
}
const watchers = [await watch('main'), await watch('preload')];

/** Ends Electron, the watchers and the dev server, then exits. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  clearTimeout(restartTimer);
  const child = electron;
  electron = null;
  if (child && child.exitCode === null && child.pid !== undefined) await endElectron(child);
  // One a restart is ending (electron is null then) would otherwise outlive the session.
  await ending;
  await Promise.all(watchers.map((watcher) => watcher.close()));
  await server.close();
  await session.release();
  log('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// The terminal closed.
process.on('SIGHUP', () => void stop(0));

// A killed npm does not pass its end on to the script it runs: this session would go on serving and holding the port
// with nobody to stop it. Once the process that started it (or the npm above its shell) is gone, it stops.
setInterval(() => {
  if (process.ppid === parent && above.every(isRunning)) return;
  log('the process that started npm run dev has ended; stopping');
  void stop(0);
}, 1000).unref();
