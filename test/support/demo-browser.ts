// `npm run demo` and Debian's Chromium on it, for a test file's lifetime: the demo started before the tests, the
// browser on a profile of its own, both stopped after them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { spawnDemo, type RunningDemo } from '../../scripts/demo/spawn';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium';

export interface DemoInBrowser {
  demo: RunningDemo;
  context: BrowserContext;
  /** The browser's first page (a persistent context opens one). */
  page: () => Promise<Page>;
}

/** Registers the hooks; the returned getter is valid inside the tests. */
export function useDemoInBrowser(viewport = { width: 1280, height: 800 }): () => DemoInBrowser {
  let demo: RunningDemo | undefined;
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  beforeAll(async () => {
    const executablePath = chromiumPath();
    demo = await spawnDemo();
    profile = await mkdtemp(join(tmpdir(), 'splits-demo-browser-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport,
    });
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await demo?.stop();
  });
  return () => ({
    demo: demo!,
    context: context!,
    page: async () => context!.pages()[0] ?? (await context!.newPage()),
  });
}
