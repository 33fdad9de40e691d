// `npm run demo` and a context of its own in the test process's Chromium (test/support/shared-chromium.ts), for a test
// file's lifetime: the demo started before the tests, both stopped after them.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { spawnDemo, type RunningDemo } from '../../scripts/demo/spawn';
import { chromiumPath } from '../../scripts/chromium';
import { newBrowserContext } from './shared-chromium';

export interface DemoInBrowser {
  demo: RunningDemo;
  context: BrowserContext;
  /** The context's first page, opened when first asked for. */
  page: () => Promise<Page>;
}

/** Registers the hooks; the returned getter is valid inside the tests. */
export function useDemoInBrowser(viewport = { width: 1280, height: 800 }): () => DemoInBrowser {
  let demo: RunningDemo | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    chromiumPath(); // before the demo starts: a missing browser says so at once
    demo = await spawnDemo();
    context = await newBrowserContext({ viewport });
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await demo?.stop();
  });
  return () => ({
    demo: demo!,
    context: context!,
    page: async () => context!.pages()[0] ?? (await context!.newPage()),
  });
}
