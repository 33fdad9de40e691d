// `npm run dev`: the renderer from Vite's dev server (hot reload), main and the preload rebuilt by Vite's watch on every
// change, all three from electron.vite.config.ts (the config scripts/build.mjs builds from), and `electron .`
// restarted after each rebuild, with SPLITS_DEV_SERVER_URL telling main to load the dev server instead of
// out/renderer. Electron is started here rather than by electron-vite's own dev server, which starts the binary itself
// and fails without it; this one says the binary is missing and keeps serving.
// Paths are relative to the working directory, as in scripts/build.mjs (npm runs scripts from the project).
// SPLITS_DEV_NO_ELECTRON=1 runs everything but Electron; SPLITS_DEV_PORT picks the port (0: any free one).
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, createServer, mergeConfig } from 'vite';
import { electronBinary } from './electron-binary.mjs';

const root = process.cwd();
const log = (message) => console.log(`dev: ${message}`);

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

/**
 * Calls `onBuilt` after every build of a Vite watch that succeeds (the first one included). Vite hands the watcher
 * back before its first build can report: Rolldown bundles off the event loop.
 */
function reportBuilds(watcher, label, onBuilt) {
  watcher.on('event', (event) => {
    if (event.code === 'ERROR') log(`${label} failed to build; waiting for the next change`);
    if (event.code !== 'BUNDLE_END') return;
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
    server: { host: '127.0.0.1', port: Number(process.env.SPLITS_DEV_PORT ?? 5173), strictPort: false },
  }),
);
for (const listener of process.listeners('SIGTERM')) if (!viteSigterm.has(listener)) process.off('SIGTERM', listener);
for (const listener of process.stdin.listeners('end'))
  if (!viteStdinEnd.has(listener)) process.stdin.off('end', listener);
await server.listen();
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('Vite did not say where it listens');
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
let stopping = false;
let restartTimer = null;
const built = { main: false, preload: false };

/** Starts Electron, or restarts it after a rebuild; a quit from the app ends the dev session. */
async function restartElectron() {
  if (!binary || stopping || !built.main || !built.preload) return;
  if (electron) {
    const old = electron;
    electron = null;
    const exited = new Promise((resolve) => old.once('exit', resolve));
    old.kill('SIGTERM');
    await exited;
  }
  const env = { ...process.env, SPLITS_DEV_SERVER_URL: url };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: root, env, stdio: 'inherit' });
  electron = child;
  log(`started Electron (pid ${child.pid})`);
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
 * rebuild writes over the files in place.
 */
async function watch(which) {
  await rm(config[which].build.outDir, { recursive: true, force: true });
  const watcher = await build(mergeConfig(config[which], { build: { watch: {}, emptyOutDir: false } }));
  reportBuilds(watcher, `out/${which}`, builtOne(which));
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
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await Promise.all(watchers.map((watcher) => watcher.close()));
  await server.close();
  log('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
