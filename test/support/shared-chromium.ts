// One Chromium per test process, and a new browser context for each window, page or boot that needs one. A context
// shares nothing with another (cookies, storage, cache, service workers), as a new profile would not either; the
// browser's own start (its processes, its profile in a new, empty --user-data-dir that Playwright makes and removes)
// was about a second of CPU and several of waiting, paid again by every stand-in boot and every renderer test.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium';
import { RUN_TEMP_DIR } from './run-folder';

// On globalThis: test files share their worker's process (vitest.config.ts, isolate: false), and the stand-in's
// module reset loads this module again; one browser serves them all. Playwright ends it when the process exits.
const shared = globalThis as { splitsChromium?: Promise<Browser> };

/** The process's Chromium, started with the first context asked for; a browser that went away is started again. */
function browser(): Promise<Browser> {
  // Checked at each call, before anything starts: a missing browser fails each test at once, saying what to install.
  const executablePath = chromiumPath();
  shared.splitsChromium ??= chromium
    .launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, env: browserEnv() })
    .then((launched) => {
      launched.on('disconnected', () => {
        if (shared.splitsChromium === started) shared.splitsChromium = undefined;
      });
      return launched;
    })
    .catch((error: unknown) => {
      shared.splitsChromium = undefined;
      throw error;
    });
  const started = shared.splitsChromium;
  return started;
}

/**
 * The browser's environment: its own temporary files (org.chromium.Chromium.*) go to the run's folder, which the run
 * removes at its end (run-folder.ts). Vitest ends a worker without letting Playwright close its browser, and Chromium
 * killed so left them in /tmp, three a run.
 */
function browserEnv(): NodeJS.ProcessEnv {
  const runDir = process.env[RUN_TEMP_DIR];
  return runDir ? { ...process.env, TMPDIR: runDir } : process.env;
}

/** A context of its own in the shared browser: close it when done (its pages close with it). */
export async function newBrowserContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return (await browser()).newContext(options);
}

/**
 * Closes the contexts a test file left open (test/support/process-state.setup.ts, after each file): the browser
 * outlives the file, and what it kept open would pile up in it for the rest of the worker's life.
 */
export async function closeLeftContexts(): Promise<void> {
  const started = shared.splitsChromium;
  if (!started) return;
  const launched = await started.catch(() => null);
  await Promise.all((launched?.contexts() ?? []).map((context) => context.close().catch(() => undefined)));
}
